package main

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestReadFileIsOSReadFile: readFile gives os.ReadFile's bytes for files
// smaller than a page, spanning several huge pages, empty, and claiming
// no size (/proc), and an error for a missing file.
func TestReadFileIsOSReadFile(t *testing.T) {
	dir := t.TempDir()
	rng := rand.New(rand.NewPCG(1, 2))
	var paths []string
	for _, n := range []int{0, 1, 511, 512, 513, 4096, 5<<20 + 7} {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(rng.Uint32())
		}
		p := filepath.Join(dir, "f"+string(rune('a'+len(paths))))
		require.NoError(t, os.WriteFile(p, b, 0o644))
		paths = append(paths, p)
	}
	if runtime.GOOS == "linux" {
		paths = append(paths, "/proc/self/maps")
	}
	for _, p := range paths {
		want, err := os.ReadFile(p)
		require.NoError(t, err)
		got, err := readFile(p)
		require.NoError(t, err)
		if p == "/proc/self/maps" {
			// It claims no size and is longer than the first 512-byte
			// read; its later lines may change between the two reads.
			require.Greater(t, len(want), 512)
			assert.Greater(t, len(got), 512, "read past the first buffer")
			line := bytes.IndexByte(want, '\n')
			assert.Equal(t, want[:line], got[:min(line, len(got))], p)
			continue
		}
		assert.Equal(t, want, got, p)
	}
	_, err := readFile(filepath.Join(dir, "missing"))
	assert.ErrorIs(t, err, os.ErrNotExist)
}
