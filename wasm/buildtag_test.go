//go:build js && wasm

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Every file of this package must carry the js && wasm constraint: without
// it, `go build ./...` on a normal machine would try to compile syscall/js
// code for the host.
func TestEveryFileIsTaggedJSWasm(t *testing.T) {
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		first, _, _ := strings.Cut(string(b), "\n")
		assert.Equal(t, "//go:build js && wasm", first, f)
	}
}
