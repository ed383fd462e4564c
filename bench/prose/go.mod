module dateline/bench/prose

go 1.26.0

require (
	dateline v0.0.0
	github.com/jdkato/prose/v3 v3.2.3
)

require (
	github.com/klauspost/compress v1.20.4 // indirect
	gopkg.in/neurosnap/sentences.v1 v1.0.6 // indirect
)

replace dateline => ../..
