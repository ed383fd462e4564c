//go:build !unix

package depparse

func cpuSeconds() float64 { return 0 }
