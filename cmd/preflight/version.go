package main

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/idpreflight/idpreflight/preflight"
)

// version is stamped at build time: -ldflags "-X main.version=v1.2.3".
var version = "dev"

func runVersion(stdout io.Writer) error {
	eng := preflight.Engine()
	fmt.Fprintf(stdout, "preflight %s\nengine: %s\n", version, eng.Name)
	if eng.OpenCV != "" {
		fmt.Fprintf(stdout, "opencv: %s\ngocv: %s\n", eng.OpenCV, eng.GoCV)
	}
	fmt.Fprintf(stdout, "engines: %s\ngo: %s %s/%s\n", strings.Join(eng.Available, ", "), runtime.Version(), runtime.GOOS, runtime.GOARCH)
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" || s.Key == "vcs.time" || s.Key == "-tags" || s.Key == "CGO_ENABLED" {
				fmt.Fprintf(stdout, "%s: %s\n", s.Key, s.Value)
			}
		}
	}
	return nil
}
