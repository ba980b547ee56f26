package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRunWritesConsecutiveRGBAFrames(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, run(dir, 3, 64, 48))
	files, err := filepath.Glob(filepath.Join(dir, "*.rgba"))
	require.NoError(t, err)
	require.Len(t, files, 3)
	for i, f := range files {
		assert.Equal(t, filepath.Join(dir, []string{"frame-000.rgba", "frame-001.rgba", "frame-002.rgba"}[i]), f)
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		assert.Len(t, b, 4*64*48)
		assert.Equal(t, byte(255), b[3], "opaque")
	}
}

func TestRunRejectsBadArguments(t *testing.T) {
	assert.Error(t, run("", 3, 64, 48))
	assert.Error(t, run(t.TempDir(), 0, 64, 48))
	assert.Error(t, run(t.TempDir(), 2, 63, 48), "odd sizes are refused by the clip")
}
