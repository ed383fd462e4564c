package store

import "strings"

// JoinNames lists the actors' names, separated by ";" (for CSV and TSV cells).
func JoinNames(as []Actor) string {
	s := make([]string, len(as))
	for i, a := range as {
		s[i] = a.Name
	}
	return strings.Join(s, ";")
}

// JoinCodes lists the actors' codes (see Actor.Code), separated by ";".
func JoinCodes(as []Actor) string {
	s := make([]string, len(as))
	for i, a := range as {
		s[i] = a.Code()
	}
	return strings.Join(s, ";")
}
