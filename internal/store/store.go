// Package store keeps analysed articles in a database and answers questions
// about them. Store is the one small interface; internal/store/sqlite and
// internal/store/postgres are its backends, both built on internal/store/sqldb,
// and internal/store/storetest is the suite every backend must pass.
//
// Every fact keeps its article and its span. Spans are stored as the contract
// gives them: code-point offsets into the article's text, start inclusive, end
// exclusive (doc.Doc keeps bytes; Put converts once, with Doc.Rune).
//
// Idempotence: an article is keyed by the SHA-256 of its text, so putting the
// same text twice stores it once. A near-duplicate (SimHash of word 3-shingles
// within MaxNearDistance bits of a stored article) is stored and linked to its
// canonical article. Each event is linked to a happening: events of the same
// type with the same actors whose dates lie within a day of each other are one
// happening reported by many sources.
package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"time"

	"dateline/internal/doc"
	"dateline/internal/output"
)

// Store is an article database.
type Store interface {
	// Migrate brings the schema up to date; it is safe to call on every open.
	Migrate(ctx context.Context) error
	// Has reports whether an article with this content hash (Hash) is stored.
	Has(ctx context.Context, hash string) (bool, error)
	// Near returns the stored article whose SimHash lies within
	// MaxNearDistance bits of sh (the closest one's canonical article), or 0.
	Near(ctx context.Context, sh uint64) (int64, error)
	// Put stores a batch of analysed articles in one transaction. Articles
	// already stored (same hash) are skipped.
	Put(ctx context.Context, batch []*doc.Doc) (PutResult, error)
	// Load returns one stored article by its database id in the contract's
	// shape, every stored layer filled (all but tokens).
	Load(ctx context.Context, id int64) (*output.Article, error)

	Articles(ctx context.Context, f Filter) ([]ArticleRow, error)
	Events(ctx context.Context, f Filter) ([]EventRow, error)
	Quotes(ctx context.Context, f Filter) ([]QuoteRow, error)
	Entities(ctx context.Context, f Filter) ([]EntityRow, error)
	// Happenings lists happenings (events linked across reports), most
	// reported first.
	Happenings(ctx context.Context, f Filter) ([]HappeningRow, error)
	// Search is full-text search over titles and texts, best first.
	Search(ctx context.Context, query string, limit int) ([]Hit, error)
	Stats(ctx context.Context) (Stats, error)
	Close() error
}

// MaxNearDistance is the largest SimHash Hamming distance of two near-duplicates.
const MaxNearDistance = 3

// ErrNotFound is returned by Load for an unknown id.
var ErrNotFound = errors.New("store: not found")

// PutResult says what a Put did.
type PutResult struct {
	Inserted   int     // new articles stored
	Duplicates int     // articles skipped: same text already stored
	Near       int     // new articles linked to a canonical near-duplicate
	IDs        []int64 // database id of each batch article (0 if skipped)
}

// Filter narrows a query. Zero fields do not filter.
type Filter struct {
	Actor   string // entity name (case-insensitive substring) among the event's actors or recipients, the quote's speaker, the entity
	Country string // ISO 3166-1 alpha-3 of an actor / speaker / entity
	Sector  string // GOV, MIL, ... of an actor / speaker / entity
	Type    string // event type (PLOVER) or entity type
	From    string // YYYY-MM-DD, inclusive: event date, else article publication date
	To      string // YYYY-MM-DD, inclusive
	Text    string // full-text match on the article
	Article int64  // one article's id
	Limit   int    // at most this many rows; 0 means 1000, < 0 means all
	Offset  int    // rows skipped before the first one returned
}

// ArticleRow is one stored article, without its layers.
type ArticleRow struct {
	ID        int64  `json:"id"`
	DocID     string `json:"doc_id"`
	Hash      string `json:"hash"`
	Path      string `json:"path,omitempty"`
	URL       string `json:"url,omitempty"`
	Source    string `json:"source,omitempty"`
	Title     string `json:"title,omitempty"`
	Published string `json:"published,omitempty"`
	Canonical int64  `json:"canonical,omitempty"` // the article this one near-duplicates, or 0
	Chars     int    `json:"chars"`
	Sentences int    `json:"sentences"`
	Entities  int    `json:"entities"`
	Quotes    int    `json:"quotes"`
	Events    int    `json:"events"`
}

// Actor is an event participant as stored.
type Actor struct {
	Entity  int    `json:"entity"` // index into the article's entities
	Name    string `json:"name"`
	Type    string `json:"type,omitempty"`
	Country string `json:"country,omitempty"`
	Sector  string `json:"sector,omitempty"`
}

// Code is the actor's CAMEO-style code: country then sector ("PAKGOV").
func (a Actor) Code() string { return a.Country + a.Sector }

// EventRow is one stored event with its article's source.
type EventRow struct {
	Article    int64   `json:"article"`
	Index      int     `json:"index"` // V(index+1) in the article's contract output
	Happening  int64   `json:"happening"`
	Type       string  `json:"type"`
	Mode       string  `json:"mode,omitempty"`
	Date       string  `json:"date,omitempty"`
	Actors     []Actor `json:"actors"`
	Recipients []Actor `json:"recipients"`
	Location   string  `json:"location,omitempty"`
	CAMEO      string  `json:"cameo,omitempty"`
	Negated    bool    `json:"negated"`
	Confidence float64 `json:"confidence"`
	Trigger    string  `json:"trigger,omitempty"` // first evidence's trigger text
	Start      int     `json:"start"`             // first trigger's code-point span
	End        int     `json:"end"`
	Published  string  `json:"published,omitempty"`
	URL        string  `json:"url,omitempty"`
	Path       string  `json:"path,omitempty"`
	Title      string  `json:"title,omitempty"`
}

// QuoteRow is one stored quote.
type QuoteRow struct {
	Article   int64  `json:"article"`
	Index     int    `json:"index"`
	Kind      string `json:"kind"`
	Text      string `json:"text"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
	Speaker   string `json:"speaker,omitempty"` // the speaker entity's name
	Country   string `json:"country,omitempty"`
	Sector    string `json:"sector,omitempty"`
	Cue       string `json:"cue,omitempty"`
	Published string `json:"published,omitempty"`
	URL       string `json:"url,omitempty"`
	Path      string `json:"path,omitempty"`
}

// EntityRow is an entity aggregated over articles by name and type.
type EntityRow struct {
	Name     string `json:"name"`
	Type     string `json:"type"`
	Country  string `json:"country,omitempty"`
	Sector   string `json:"sector,omitempty"`
	Articles int    `json:"articles"`
	Mentions int    `json:"mentions"`
}

// HappeningRow is one happening: the events of one type, with the same
// actors, within a day, from every article that reported it.
type HappeningRow struct {
	ID       int64    `json:"id"`
	Type     string   `json:"type"`
	Date     string   `json:"date,omitempty"` // first day reported, YYYY-MM-DD
	Actors   []string `json:"actors"`         // actor keys: a country code or a lower-cased name
	Reports  int      `json:"reports"`        // events linked
	Articles int      `json:"articles"`       // distinct articles among them
}

// Hit is one full-text search result.
type Hit struct {
	Article   int64   `json:"article"`
	Title     string  `json:"title,omitempty"`
	Published string  `json:"published,omitempty"`
	Path      string  `json:"path,omitempty"`
	URL       string  `json:"url,omitempty"`
	Snippet   string  `json:"snippet"`
	Rank      float64 `json:"rank"` // higher is better
	// Marks are the matched words in Snippet, as code-point spans [start,
	// end): each lies between the "[" and "]" that mark it. A bracket of
	// the article's own ("[sic]") is no mark.
	Marks [][2]int `json:"marks"`
}

// Stats counts what is stored.
type Stats struct {
	Articles   int `json:"articles"`
	Canonical  int `json:"canonical"` // articles that are not near-duplicates of another
	Removed    int `json:"removed"`
	Sentences  int `json:"sentences"`
	Entities   int `json:"entities"`
	Mentions   int `json:"mentions"`
	Times      int `json:"times"`
	Quotes     int `json:"quotes"`
	Events     int `json:"events"`
	Happenings int `json:"happenings"`
}

// Hash is the content key of an article: the hex SHA-256 of its text.
func Hash(text string) string {
	h := sha256.Sum256([]byte(text))
	return hex.EncodeToString(h[:])
}

// DayRange turns a TIMEX3-style date value into the inclusive range of days
// (since 1970-01-01) it covers: 2021-09-23 is one day, 2021-09 a month, 2021 a
// year. ok is false for values that are not calendar dates (weeks, durations,
// "PRESENT_REF", times of day are cut to their date).
func DayRange(v string) (from, to int64, ok bool) {
	const day = 24 * 60 * 60
	switch {
	case len(v) >= 10 && v[4] == '-' && v[7] == '-':
		t, err := time.Parse("2006-01-02", v[:10])
		if err != nil {
			return 0, 0, false
		}
		d := t.Unix() / day
		return d, d, true
	case len(v) == 7 && v[4] == '-':
		t, err := time.Parse("2006-01", v)
		if err != nil {
			return 0, 0, false
		}
		return t.Unix() / day, t.AddDate(0, 1, 0).Unix()/day - 1, true
	case len(v) == 4:
		t, err := time.Parse("2006", v)
		if err != nil {
			return 0, 0, false
		}
		return t.Unix() / day, t.AddDate(1, 0, 0).Unix()/day - 1, true
	}
	return 0, 0, false
}

// MaxDaySpan is the most days a DayRange can reach past its first day (a
// leap year: 365). The events' date range filter relies on it: an event that
// ends on or after a day began at most MaxDaySpan days before it.
const MaxDaySpan = 365

// ParseDay parses a YYYY-MM-DD filter date to days since 1970-01-01.
func ParseDay(s string) (int64, error) {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return 0, errors.New("not a date in YYYY-MM-DD form: " + s)
	}
	return t.Unix() / (24 * 60 * 60), nil
}
