package server

import (
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"dateline/internal/store"
)

// EventTypes are the PLOVER event types a type filter on events accepts.
var EventTypes = []string{"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
	"ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}

var isEventType = func() map[string]bool {
	m := map[string]bool{}
	for _, t := range EventTypes {
		m[t] = true
	}
	return m
}()

var (
	codeRE   = regexp.MustCompile(`^[A-Z]{2,5}$`)
	entTypRE = regexp.MustCompile(`^[A-Z_]{2,12}$`)
)

// Page limits.
const (
	DefaultLimit  = 100
	MaxLimit      = 1000   // JSON pages
	MaxDownload   = 100000 // CSV / JSONL downloads
	maxOffset     = 1000000
	maxParamBytes = 500
)

// query is a parsed query string.
type query struct {
	f      store.Filter
	limit  int
	offset int
	format string // json, csv, jsonl
	q      string // search words
	// speaker, when given (even empty: the quotes of no known speaker),
	// is the one speaker whose quotes are listed.
	speaker *string
}

// parseQuery checks the query string of an endpoint: only the parameters in
// allowed, each well formed. kind is the endpoint ("events", "entities", ...)
// and decides what type means.
func parseQuery(raw string, kind string, allowed ...string) (query, error) {
	var out query
	vals, err := url.ParseQuery(raw)
	if err != nil {
		return out, bad("malformed query string: %v", err)
	}
	ok := map[string]bool{"limit": true, "offset": true, "format": true}
	for _, a := range allowed {
		ok[a] = true
	}
	keys := make([]string, 0, len(vals))
	for k := range vals {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if !ok[k] {
			names := make([]string, 0, len(ok))
			for n := range ok {
				names = append(names, n)
			}
			sort.Strings(names)
			return out, bad("unknown parameter %q (this endpoint takes %s)", k, strings.Join(names, ", "))
		}
		if len(vals[k]) > 1 {
			return out, bad("parameter %q given %d times", k, len(vals[k]))
		}
		v := vals[k][0]
		if len(v) > maxParamBytes {
			return out, bad("parameter %q is longer than %d bytes", k, maxParamBytes)
		}
		if !utf8.ValidString(v) || strings.ContainsRune(v, 0) {
			return out, bad("parameter %q is not valid UTF-8 text", k)
		}
	}
	get := func(k string) string { return strings.TrimSpace(vals.Get(k)) }
	out.format = "json"
	if v := get("format"); v != "" {
		switch v {
		case "json", "csv", "jsonl":
			out.format = v
		default:
			return out, bad("format %q: json, csv or jsonl", v)
		}
	}
	maxLimit, defLimit := MaxLimit, DefaultLimit
	if out.format != "json" {
		maxLimit, defLimit = MaxDownload, MaxDownload
	}
	out.limit = defLimit
	if v := get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxLimit {
			return out, bad("limit %q: a whole number from 1 to %d", v, maxLimit)
		}
		out.limit = n
	}
	if v := get("offset"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > maxOffset {
			return out, bad("offset %q: a whole number from 0 to %d", v, maxOffset)
		}
		out.offset = n
	}
	for _, k := range []string{"from", "to"} {
		if v := get(k); v != "" {
			if _, err := store.ParseDay(v); err != nil {
				return out, bad("%s: %v", k, err)
			}
		}
	}
	out.f.From, out.f.To = get("from"), get("to")
	if out.f.From != "" && out.f.To != "" && out.f.From > out.f.To {
		return out, bad("from %s is after to %s", out.f.From, out.f.To)
	}
	if v := strings.ToUpper(get("type")); v != "" {
		switch kind {
		case "entities":
			if !entTypRE.MatchString(v) {
				return out, bad("type %q: an entity type such as PERSON, ORG, GPE, LOC", v)
			}
		default:
			if !isEventType[v] {
				return out, bad("unknown event type %q: one of %s", v, strings.Join(EventTypes, ", "))
			}
		}
		out.f.Type = v
	}
	if v := strings.ToUpper(get("country")); v != "" {
		if !codeRE.MatchString(v) || len(v) != 3 {
			return out, bad("country %q: an ISO 3166-1 alpha-3 code such as PAK", v)
		}
		out.f.Country = v
	}
	if v := strings.ToUpper(get("sector")); v != "" {
		if !codeRE.MatchString(v) {
			return out, bad("sector %q: a sector code such as GOV, MIL, REB", v)
		}
		out.f.Sector = v
	}
	if v := get("article"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 1 {
			return out, bad("article %q: a database id (a whole number from 1)", v)
		}
		out.f.Article = n
	}
	out.f.Actor = get("actor")
	out.f.Text = get("text")
	out.q = get("q")
	if vals.Has("speaker") {
		v := get("speaker")
		out.speaker = &v
	}
	// The store is asked for the page and one row past it, to know whether
	// there is a next page.
	out.f.Offset, out.f.Limit = out.offset, out.limit+1
	return out, nil
}

// noParams checks the query string of an endpoint that takes no parameters
// (the counts, one article): any parameter is a mistake, not to be ignored.
func noParams(raw string) error {
	vals, err := url.ParseQuery(raw)
	if err != nil {
		return bad("malformed query string: %v", err)
	}
	keys := make([]string, 0, len(vals))
	for k := range vals {
		keys = append(keys, k)
	}
	if len(keys) > 0 {
		sort.Strings(keys)
		return bad("unknown parameter %q (this endpoint takes none)", keys[0])
	}
	return nil
}

// page cuts the rows of one page out of rows (the store's answer from the
// page's offset: up to limit+1 rows) and says where the next page starts
// (-1: none).
func page[T any](rows []T, q query) ([]T, int) {
	if len(rows) == 0 {
		return []T{}, -1
	}
	next := -1
	if len(rows) > q.limit {
		rows = rows[:q.limit]
		next = q.offset + q.limit
	}
	return rows, next
}
