package output

import (
	"encoding/csv"
	"io"
	"strconv"
)

// CSVWriter writes CSV whose cells a spreadsheet will not run: a cell that
// starts with "=", "+", "-", "@", a tab or a carriage return (a formula to
// Excel, LibreOffice and Google Sheets) gets a leading apostrophe, unless it
// is a number ("-3.5"). Article text is outside input: a headline like
// "=HYPERLINK(...)" must stay text in an analyst's sheet.
type CSVWriter struct {
	w   *csv.Writer
	row []string
}

// NewCSVWriter writes to w.
func NewCSVWriter(w io.Writer) *CSVWriter { return &CSVWriter{w: csv.NewWriter(w)} }

// Write writes one row.
func (c *CSVWriter) Write(cells []string) error {
	c.row = append(c.row[:0], cells...)
	for i, s := range c.row {
		c.row[i] = SafeCell(s)
	}
	return c.w.Write(c.row)
}

// Flush writes any buffered rows; Error reports a write error.
func (c *CSVWriter) Flush()       { c.w.Flush() }
func (c *CSVWriter) Error() error { return c.w.Error() }

// SafeCell is s as a spreadsheet shows it as text.
func SafeCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		if _, err := strconv.ParseFloat(s, 64); err == nil {
			return s
		}
		return "'" + s
	}
	return s
}
