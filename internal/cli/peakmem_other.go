//go:build !unix

package cli

// peakMemory is unknown off Unix.
func peakMemory() int64 { return 0 }
