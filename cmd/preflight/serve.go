package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime"
	"syscall"
	"time"

	"github.com/idpreflight/idpreflight/web"
)

// serveConfig is what `preflight serve` runs with.
type serveConfig struct {
	addr string
	// maxBody bounds a request body; a larger one gets 413 before any
	// decoding.
	maxBody int64
	// timeout bounds one API request, queueing included.
	timeout time.Duration
	// jobs is how many checks run at once; more requests queue.
	jobs int
}

func runServe(args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("serve", flag.ContinueOnError)
	fl.SetOutput(stderr)
	cfg := serveConfig{}
	fl.StringVar(&cfg.addr, "addr", "127.0.0.1:8080", "address to listen on; keep it on loopback unless the kiosk network is trusted")
	fl.Int64Var(&cfg.maxBody, "max-bytes", 32<<20, "largest request body accepted, in bytes")
	fl.DurationVar(&cfg.timeout, "timeout", 30*time.Second, "time limit of one API request")
	fl.IntVar(&cfg.jobs, "jobs", runtime.NumCPU(), "checks run at once")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: preflight serve [flags]   (the capture page and the /v1 JSON API)")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		return &exitError{code: exitUsage}
	}
	if fl.NArg() > 0 {
		return usageErr("serve takes no arguments, got %q", fl.Args())
	}
	if cfg.maxBody < 1 || cfg.timeout <= 0 || cfg.jobs < 1 {
		return usageErr("--max-bytes, --timeout and --jobs must be positive")
	}
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return usageErr("listen: %v", err)
	}
	if !isLoopback(ln.Addr()) {
		fmt.Fprintf(stderr, "preflight: warning: %s is reachable from the network; the API has no authentication\n", ln.Addr())
	}
	if !web.HasEngine() {
		fmt.Fprintf(stderr, "preflight: warning: %v; the page will offer the server-side check only\n", web.ErrNoEngine)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	fmt.Fprintf(stdout, "serving the capture page on http://%s/ (Ctrl-C to stop)\n", ln.Addr())
	return serveUntil(ctx, ln, newServer(cfg, web.FS(), web.HasEngine()), cfg.timeout)
}

// serveUntil serves on ln until ctx ends, then lets requests in flight
// finish for up to grace.
func serveUntil(ctx context.Context, ln net.Listener, h http.Handler, grace time.Duration) error {
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		// Bodies are bounded by maxBody; a slow client gets this long.
		ReadTimeout:  2 * time.Minute,
		WriteTimeout: 2 * time.Minute,
		IdleTimeout:  2 * time.Minute,
		// Big enough for any sane header, small enough not to matter.
		MaxHeaderBytes: 64 << 10,
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func isLoopback(a net.Addr) bool {
	tcp, ok := a.(*net.TCPAddr)
	return ok && tcp.IP.IsLoopback()
}
