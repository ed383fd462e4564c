//go:build !unix

package proc

import "time"

// CPUTime is unknown here: 0.
func CPUTime() time.Duration { return 0 }

// PeakMemory is unknown here: 0.
func PeakMemory() int64 { return 0 }
