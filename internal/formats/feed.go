package formats

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
	"golang.org/x/text/encoding/charmap"

	"dateline/internal/reader"
)

// readFeed reads an RSS, Atom or JSON feed: each item is one article, its
// content (or, without content, its description) the text.
func (c *collector) readFeed(data []byte, opt reader.Options) error {
	feed, err := parseFeed(data)
	if err != nil && !utf8.Valid(data) {
		// Not UTF-8 and not declared otherwise: windows-1252, as browsers
		// take such a feed (a Latin-1 "café" was "invalid UTF-8").
		if dec, derr := charmap.Windows1252.NewDecoder().Bytes(data); derr == nil {
			feed, err = parseFeed(dec)
		}
	}
	if err != nil {
		return fmt.Errorf("feed: %v", err)
	}
	site := feed.Title
	c.unit = "item"
	for i, it := range feed.Items {
		if it == nil {
			continue
		}
		rec := i + 1
		body := itemText(it.Content)
		if desc := itemText(it.Description); len(desc) > len(body) {
			body = desc
		}
		if body == "" {
			c.fail(0, rec, fmt.Errorf("%q: %w", cleanLine(it.Title), ErrNoText))
			continue
		}
		d, err := article(c.name, body, it.Title, opt)
		if err != nil {
			c.fail(0, rec, stripName(err, c.name))
			continue
		}
		// The feed's own text first: it keeps the zone offset, which
		// gofeed's parsed time loses.
		published := dateOf(it.Published)
		if published == "" && it.PublishedParsed != nil {
			published = dateOfTime(*it.PublishedParsed)
		}
		if published == "" {
			published = dateOf(it.Updated)
		}
		if published == "" && it.UpdatedParsed != nil {
			published = dateOfTime(*it.UpdatedParsed)
		}
		link := it.Link
		if link == "" && len(it.Links) > 0 {
			link = it.Links[0]
		}
		if link == "" && strings.HasPrefix(it.GUID, "http") {
			link = it.GUID
		}
		author := ""
		if len(it.Authors) > 0 && it.Authors[0] != nil {
			author = it.Authors[0].Name
		}
		setMeta(d, it.Title, published, link, site, author)
		if err := c.put(d); err != nil {
			return err
		}
	}
	return nil
}

// parseFeed runs gofeed, turning a panic inside it (hostile input) into an error.
func parseFeed(data []byte) (feed *gofeed.Feed, err error) {
	defer func() {
		if r := recover(); r != nil {
			feed, err = nil, fmt.Errorf("parser failed: %v", r)
		}
	}()
	feed, err = gofeed.NewParser().Parse(bytes.NewReader(data))
	if err == nil && feed == nil {
		err = fmt.Errorf("empty feed")
	}
	return feed, err
}

// itemText turns a feed item's content or description into plain text: HTML
// is rendered, plain text has its whitespace tidied.
func itemText(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if strings.ContainsAny(s, "<&") {
		return HTMLFragmentText(s)
	}
	return cleanText(s)
}
