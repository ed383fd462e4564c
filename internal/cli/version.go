package cli

import (
	"flag"
	"fmt"
	"runtime/debug"
	"strings"

	"dateline/models"
)

func init() {
	register(&command{
		name:  "version",
		short: "print the version and the model cards of the built-in models",
		usage: "[--cards]",
		long:  `Prints dateline's build information and, with --cards, each built-in model's card (data, features, scores, training time).`,
		flags: func(fs *flag.FlagSet) func(*Env, []string) error {
			cards := fs.Bool("cards", false, "print each model's card in full")
			return func(env *Env, args []string) error {
				v := "(devel)"
				if bi, ok := debug.ReadBuildInfo(); ok {
					v = bi.Main.Version
					for _, s := range bi.Settings {
						if s.Key == "vcs.revision" {
							v += " " + s.Value
						}
					}
				}
				fmt.Fprintf(env.Stdout, "dateline %s (output schema 1)\n", v)
				for _, name := range models.Names() {
					card := models.Card(name)
					if *cards {
						fmt.Fprintf(env.Stdout, "\n%s\n", strings.TrimSpace(card))
						continue
					}
					first, _, _ := strings.Cut(strings.TrimSpace(card), "\n")
					fmt.Fprintf(env.Stdout, "model %-10s %s\n", name, strings.TrimLeft(first, "# "))
				}
				return nil
			}
		},
	})
}
