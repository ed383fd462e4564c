// Command dateline reads news and writes down what happened: who did what to
// whom, when and where, and who said what. See `dateline help`.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"dateline/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
