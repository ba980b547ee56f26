//go:build e2e

package e2e

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// startServe builds the preflight binary and runs `preflight serve` on a
// free loopback port, as a kiosk would; it returns the page's base URL.
func startServe(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "preflight")
	build := exec.Command("go", "build", "-o", bin, "../cmd/preflight")
	build.Stderr = os.Stderr
	require.NoError(t, build.Run(), "building the preflight binary")

	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, bin, "serve", "--addr", "127.0.0.1:0")
	cmd.Stderr = testWriter{t}
	out, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	t.Cleanup(func() {
		cancel()
		_ = cmd.Wait()
	})
	line, err := bufio.NewReader(out).ReadString('\n')
	require.NoError(t, err, "reading the serve banner")
	i := strings.Index(line, "http://")
	require.GreaterOrEqual(t, i, 0, "banner %q names no URL", line)
	base := strings.TrimSpace(strings.Fields(line[i:])[0])

	res, err := http.Get(base + "v1/health")
	require.NoError(t, err)
	defer res.Body.Close()
	var health struct {
		Wasm bool `json:"wasm"`
	}
	require.NoError(t, json.NewDecoder(res.Body).Decode(&health))
	require.True(t, health.Wasm, "the binary has no preflight.wasm embedded: run `make test-e2e` (it builds the engine first)")
	return base
}

// testWriter forwards a subprocess's stderr to the test log.
type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Logf("%s", strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// withTimeout bounds a whole test: a hung browser fails it, never CI.
func withTimeout(t *testing.T, d time.Duration) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}
