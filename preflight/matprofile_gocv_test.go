//go:build cgo && gocv && matprofile

package preflight

import (
	"bytes"
	"fmt"
	"os"
	"testing"

	"gocv.io/x/gocv"
)

// TestMain fails the run when any Mat created by the tests is still open:
// `go test -tags "gocv matprofile" ./preflight/` records every Mat's
// creation stack in gocv.MatProfile until it is closed.
func TestMain(m *testing.M) {
	code := m.Run()
	if n := gocv.MatProfile.Count(); n != 0 {
		var b bytes.Buffer
		_ = gocv.MatProfile.WriteTo(&b, 1)
		fmt.Fprintf(os.Stderr, "FAIL: %d gocv.Mat not closed:\n%s", n, b.String())
		code = max(code, 1)
	}
	os.Exit(code)
}
