package server

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"
)

// staticFile is one file of the embedded page (or openapi.json), served with
// a content-hash ETag and Cache-Control: no-cache (the names are not
// fingerprinted: the browser keeps the file and asks each time, and an
// unchanged one is a 304), gzipped for a client that accepts it.
type staticFile struct {
	body  []byte
	tag   string
	ctype string
	gz    func() ([]byte, string) // the gzipped body and its tag, made once
}

func newStaticFile(name string, body []byte) *staticFile {
	f := &staticFile{body: body, tag: etag(body), ctype: mime.TypeByExtension(path.Ext(name))}
	if f.ctype == "" {
		f.ctype = http.DetectContentType(body)
	}
	f.gz = sync.OnceValues(func() ([]byte, string) {
		var b bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&b, gzip.DefaultCompression)
		zw.Write(body)
		zw.Close()
		if b.Len() >= len(body) {
			return nil, ""
		}
		return b.Bytes(), etag(b.Bytes())
	})
	return f
}

func (f *staticFile) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", f.ctype)
	h.Set("Cache-Control", "no-cache")
	h.Add("Vary", "Accept-Encoding")
	body, tag := f.body, f.tag
	if acceptsGzip(r.Header.Get("Accept-Encoding")) {
		if gz, gzTag := f.gz(); gz != nil {
			body, tag = gz, gzTag
			h.Set("Content-Encoding", "gzip")
		}
	}
	h.Set("ETag", tag)
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
}

// acceptsGzip reads an Accept-Encoding header: gzip (or *) with a q above 0.
func acceptsGzip(header string) bool {
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(part, ";")
		name = strings.ToLower(strings.TrimSpace(name))
		if name != "gzip" && name != "*" {
			continue
		}
		q := 1.0
		for _, p := range strings.Split(params, ";") {
			if k, v, ok := strings.Cut(strings.TrimSpace(p), "="); ok && strings.ToLower(k) == "q" {
				if x, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
					q = x
				}
			}
		}
		return q > 0
	}
	return false
}

// etag is a strong entity tag for body: a hash of its bytes.
func etag(body []byte) string {
	sum := sha256.Sum256(body)
	return `"` + hex.EncodeToString(sum[:12]) + `"`
}

// staticFiles are the embedded page's files by path ("" is index.html), and
// openapi.json; made once.
var staticFiles = sync.OnceValue(func() map[string]*staticFile {
	files := map[string]*staticFile{"openapi.json": newStaticFile("openapi.json", openAPI)}
	sub, _ := fs.Sub(assets, "assets")
	fs.WalkDir(sub, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if b, err := fs.ReadFile(sub, p); err == nil {
			files[p] = newStaticFile(p, b)
		}
		return nil
	})
	files[""] = files["index.html"]
	return files
})
