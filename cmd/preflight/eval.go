package main

import (
	"cmp"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/idpreflight/idpreflight/internal/evalset"
	"github.com/idpreflight/idpreflight/internal/vision"
	"github.com/idpreflight/idpreflight/preflight"
)

func runEval(args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("eval", flag.ContinueOnError)
	fl.SetOutput(stderr)
	labels := fl.String("labels", "", "path to labels.json of a labelled set")
	asJSON := fl.Bool("json", false, "print the summary as one JSON object")
	verbose := fl.Bool("v", false, "list the misses, false alarms and low-IoU cases")
	jobs := fl.Int("jobs", runtime.NumCPU(), "cases checked at once")
	device := fl.String("device", "DESKTOP", "device profile: IOS, ANDROID or DESKTOP")
	gtQuads := fl.Bool("gt-quads", false, "check the labelled quads instead of detecting (separates detection from quality errors)")
	engine := fl.String("engine", "", "engine to run (default: the build's own; see preflight version)")
	agreeWith := fl.String("agree-with", "", "also run this engine and report per-code F1 of both and their agreement")
	progressMode := fl.String("progress", "auto", "progress bar on stderr: auto (when a terminal), always, never")
	detectOnly := fl.Bool("detect-only", false, "run only the detector and the geometry codes (819, 821-825): IoU, geometry F1, undetected and spurious cases; -v lists every case's IoU")
	if err := fl.Parse(args); err != nil {
		return &exitError{code: exitUsage}
	}
	if *labels == "" {
		return usageErr("eval needs --labels PATH/labels.json")
	}
	if !slices.Contains(progressModes, *progressMode) {
		return usageErr("--progress %q: want auto, always or never", *progressMode)
	}
	dev, err := preflight.ParseDevice(*device)
	if err != nil {
		return usageErr("%v", err)
	}
	l, err := evalset.Load(*labels)
	if err != nil {
		return usageErr("%v", err)
	}
	for _, e := range []string{*engine, *agreeWith} {
		if e != "" && !slices.Contains(preflight.Engine().Available, e) {
			return usageErr("engine %q is not in this build (%v)", e, preflight.Engine().Available)
		}
	}
	runs := 1
	if *agreeWith != "" {
		runs = 2
	}
	bar := newProgress(*progressMode, stderr, runs*len(l.Cases), "evaluating")
	start := time.Now()
	results := evalAll(l, *jobs, dev, *gtQuads, bar, engineOptions(*engine, *detectOnly)...)
	if *agreeWith == "" {
		bar.finish()
	}
	sum := evalset.Score(l, results)
	sum.ImagesPerSecond = float64(len(l.Cases)) / time.Since(start).Seconds()
	if *detectOnly && *agreeWith == "" {
		sum = detectionSummary(sum)
		if *asJSON {
			return printJSON(stdout, sum)
		}
		printDetection(stdout, sum, *verbose)
		return nil
	}
	if *agreeWith == "" {
		if *asJSON {
			return printJSON(stdout, sum)
		}
		printSummary(stdout, sum, *verbose)
		return nil
	}
	other := evalAll(l, *jobs, dev, *gtQuads, bar, engineOptions(*agreeWith, *detectOnly)...)
	bar.finish()
	cmp := engineComparison{Engine: cmp.Or(*engine, preflight.EngineName), Other: *agreeWith,
		Summary: sum, OtherSummary: evalset.Score(l, other), Agreement: evalset.Agree(caseIDs(l), results, other)}
	if *asJSON {
		return printJSON(stdout, cmp)
	}
	printSummary(stdout, sum, *verbose)
	printComparison(stdout, cmp, *verbose)
	return nil
}

// engineOptions selects the engine ("" is the build's) and whether the
// check stops after detection.
func engineOptions(engine string, detectOnly bool) []preflight.Option {
	var opts []preflight.Option
	if engine != "" {
		opts = append(opts, preflight.WithEngine(engine))
	}
	if detectOnly {
		opts = append(opts, preflight.WithDetectOnly())
	}
	return opts
}

// evalAll checks every case with jobs workers and the extra options,
// counting each on bar.
func evalAll(l *evalset.Labels, jobs int, dev preflight.Device, gtQuads bool, bar *progress, extra ...preflight.Option) []evalset.Result {
	results := make([]evalset.Result, len(l.Cases))
	idx := make(chan int)
	var wg sync.WaitGroup
	for range max(jobs, 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range idx {
				results[i] = evalCase(l, l.Cases[i], dev, gtQuads, extra...)
				bar.add()
			}
		}()
	}
	for i := range l.Cases {
		idx <- i
	}
	close(idx)
	wg.Wait()
	return results
}

func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func evalCase(l *evalset.Labels, c evalset.Case, dev preflight.Device, gtQuads bool, extra ...preflight.Option) evalset.Result {
	side, err := preflight.ParseSide(c.Side)
	if err != nil {
		return evalset.Result{Err: err}
	}
	// Cases without a document (nodoc) name no type; check them as cards.
	dt := preflight.IDCard
	if c.DocumentType != "" {
		if dt, err = preflight.ParseDocumentType(c.DocumentType); err != nil {
			return evalset.Result{Err: err}
		}
	}
	data, err := os.ReadFile(l.Path(c))
	if err != nil {
		return evalset.Result{Err: err}
	}
	opts := append([]preflight.Option{preflight.WithSide(side), preflight.WithDocumentType(dt), preflight.WithDevice(dev)}, extra...)
	if gtQuads && len(c.Quads) > 0 {
		qs := make([]preflight.Quad, len(c.Quads))
		for i, q := range c.Quads {
			for k := range 4 {
				qs[i][k] = preflight.Point{X: q[k][0], Y: q[k][1]}
			}
		}
		opts = append(opts, preflight.WithDocumentQuads(qs...))
	}
	rep, err := preflight.Check(context.Background(), data, opts...)
	if err != nil {
		return evalset.Result{Err: err}
	}
	r := evalset.Result{Codes: map[int]bool{}}
	for _, code := range rep.Codes() {
		r.Codes[int(code)] = true
	}
	if rep.Document != nil {
		for _, q := range rep.Document.Quads {
			var vq vision.Quad
			for k, p := range q {
				vq[k] = vision.Point{X: p.X, Y: p.Y}
			}
			r.Quads = append(r.Quads, vq)
		}
	}
	return r
}

func printSummary(w io.Writer, s evalset.Summary, verbose bool) {
	fmt.Fprintf(w, "cases %d, errors %d, %.1f images/s\n\n", s.Cases, len(s.Errors), s.ImagesPerSecond)
	printCodeTable(w, s.Codes)
	fmt.Fprintf(w, "\nquad IoU on %d single-document cases: mean %.3f, median %.3f, share >= 0.9: %.3f\n",
		s.IoUCases, s.IoUMean, s.IoUMedian, s.IoUAt90)
	fmt.Fprintf(w, "false-reject rate on %d clean cases: %.3f (%d)\n", s.CleanCases, s.FalseRejectRate, len(s.FalseRejects))
	if len(s.FalseRejects) > 0 {
		printRejectSplit(w, s.Rejects)
	}
	for _, e := range s.Errors {
		fmt.Fprintln(w, "error:", e)
	}
	if !verbose {
		return
	}
	printCodeCases(w, s.Codes)
	onFalse := map[string]bool{}
	for _, id := range s.Rejects.OnFalse {
		onFalse[id] = true
	}
	for _, id := range s.FalseRejects {
		kind := "open codes only"
		if onFalse[id] {
			kind = "a code labelled false"
		}
		fmt.Fprintln(w, "false-reject", id, "("+kind+")")
	}
	for _, id := range s.LowIoU {
		fmt.Fprintln(w, "low-iou", id)
	}
}

// printRejectSplit says how many false rejects report a code the labels
// forbid and, for the rest, which open (null) codes caused them.
func printRejectSplit(w io.Writer, r evalset.RejectSplit) {
	codes := make([]int, 0, len(r.OpenOnly))
	for c := range r.OpenOnly {
		codes = append(codes, c)
	}
	sort.Ints(codes)
	var open []string
	for _, c := range codes {
		open = append(open, fmt.Sprintf("%d x%d", c, r.OpenOnly[c]))
	}
	fmt.Fprintf(w, "  of them with a code labelled false: %d (rate %.3f); with open (null) codes only: %d [%s]\n",
		len(r.OnFalse), r.OnFalseRate, r.OpenOnlyCases, strings.Join(open, ", "))
}

// printCodeTable prints the per-code confusion counts and scores.
func printCodeTable(w io.Writer, codes []evalset.CodeStats) {
	fmt.Fprintf(w, "code   TP   FP   FN   TN  precision  recall     F1\n")
	for _, c := range codes {
		fmt.Fprintf(w, "%4d %4d %4d %4d %4d  %9.3f  %6.3f  %5.3f\n", c.Code, c.TP, c.FP, c.FN, c.TN, c.Precision, c.Recall, c.F1)
	}
}

// printCodeCases lists each code's misses and false alarms.
func printCodeCases(w io.Writer, codes []evalset.CodeStats) {
	for _, c := range codes {
		for _, id := range c.Misses {
			fmt.Fprintf(w, "miss %d %s\n", c.Code, id)
		}
		for _, id := range c.FalseAlarms {
			fmt.Fprintf(w, "false-alarm %d %s\n", c.Code, id)
		}
	}
}
