package main

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"

	"github.com/idpreflight/idpreflight/preflight"
)

// version is stamped at build time: -ldflags "-X main.version=v1.2.3".
var version = "dev"

func runVersion(stdout io.Writer) error {
	fmt.Fprintf(stdout, "preflight %s\nengine: %s\ngo: %s %s/%s\n", version, preflight.EngineName, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" || s.Key == "vcs.time" || s.Key == "-tags" {
				fmt.Fprintf(stdout, "%s: %s\n", s.Key, s.Value)
			}
		}
	}
	return nil
}
