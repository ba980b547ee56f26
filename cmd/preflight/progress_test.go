package main

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEvalProgress(t *testing.T) {
	labels := writeLabelled(t)
	tests := []struct {
		mode string
		want string // on stderr; "" means nothing at all
	}{
		{"always", "evaluating 100% |"},
		{"never", ""},
		{"auto", ""}, // stderr is a buffer, not a terminal
	}
	for _, tc := range tests {
		t.Run(tc.mode, func(t *testing.T) {
			var out, errOut bytes.Buffer
			require.NoError(t, run([]string{"eval", "--labels", labels, "--detect-only", "--progress", tc.mode}, nil, &out, &errOut))
			if tc.want == "" {
				assert.Empty(t, errOut.String())
				return
			}
			assert.Contains(t, errOut.String(), tc.want)
			assert.Contains(t, errOut.String(), "(2/2,", "both cases counted")
		})
	}
}

func TestProgressModeIsValidated(t *testing.T) {
	for _, cmd := range []string{"eval", "check"} {
		t.Run(cmd, func(t *testing.T) {
			args := []string{cmd, "--progress", "sometimes"}
			if cmd == "eval" {
				args = append(args, "--labels", "x.json")
			} else {
				args = append(args, "x.jpg")
			}
			code, _, stderr := runCLI(t, nil, args...)
			assert.Equal(t, exitUsage, code)
			assert.Contains(t, stderr, `--progress "sometimes"`)
		})
	}
}

func TestNilProgressIsSilent(t *testing.T) {
	var p *progress
	assert.NotPanics(t, func() {
		p.add()
		p.finish()
	})
}
