// Package proc reads what the running process has used so far: CPU time, for
// throughput per CPU-second on a machine shared with other jobs, and peak
// resident memory, for the summaries of long commands. Where the system does
// not tell, both are 0.
package proc
