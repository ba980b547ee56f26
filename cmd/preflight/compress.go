package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/idpreflight/idpreflight/preflight"
)

func runCompress(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("compress", flag.ContinueOnError)
	fl.SetOutput(stderr)
	out := fl.String("o", "", "output file, - for stdout (default: IN with .min.jpg beside it; stdout when IN is -)")
	maxBytes := fl.Int("max-bytes", preflight.DefaultMaxBytes, "byte budget of the output")
	keep := fl.String("keep", "", "metadata kinds to keep, comma-separated: exif,icc,xmp,iptc,comment")
	strip := fl.Bool("strip", false, "strip metadata from a compliant JPEG too (lossless)")
	upright := fl.Bool("upright", false, "re-encode a compliant JPEG whose EXIF orientation is not 1")
	verify := fl.Bool("verify", true, "check the output for 818/826/827")
	transcode := fl.Bool("transcode", true, "requantise JPEGs in the DCT domain, or decode them at m/8 of their size from it when a downscale is needed")
	asJSON := fl.Bool("json", false, "print the Info as JSON instead of the summary line")
	docType := fl.String("type", "identification_card", "document type: identification_card or passport")
	cpuProfile := fl.String("cpuprofile", "", "write a CPU profile (pprof) of the recompression to this file")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: preflight compress IN [-o OUT] [--max-bytes N]   (IN or OUT may be -)")
		fl.PrintDefaults()
	}
	in, err := parseInterspersed(fl, args)
	if err != nil {
		return err
	}
	t, err := preflight.ParseDocumentType(*docType)
	if err != nil {
		return usageErr("%v", err)
	}
	opts := []preflight.RecompressOption{
		preflight.MaxBytes(*maxBytes), preflight.Verify(*verify), preflight.Transcode(*transcode),
		preflight.WithCheckOptions(preflight.WithDocumentType(t)),
	}
	if *keep != "" {
		opts = append(opts, preflight.KeepMetadata(strings.Split(*keep, ",")...))
	}
	if *strip {
		opts = append(opts, preflight.StripMetadata())
	}
	if *upright {
		opts = append(opts, preflight.Upright())
	}

	data, err := readInput(in, stdin)
	if err != nil {
		return usageErr("%v", err)
	}
	stopProfile, err := startCPUProfile(*cpuProfile)
	if err != nil {
		return usageErr("%v", err)
	}
	start := time.Now()
	result, info, err := preflight.Recompress(data, opts...)
	elapsed := time.Since(start)
	if perr := stopProfile(); perr != nil {
		return usageErr("%v", perr)
	}
	if err != nil {
		return usageErr("%s: %v", in, err)
	}

	dest := outputPath(in, *out)
	summary := stdout
	if dest == "-" {
		summary = stderr // stdout carries the JPEG
		if _, err := stdout.Write(result); err != nil {
			return usageErr("writing the output: %v", err)
		}
	} else if err := os.WriteFile(dest, result, 0o644); err != nil {
		return usageErr("%v", err)
	}
	if *asJSON {
		enc := json.NewEncoder(summary)
		if err := enc.Encode(info); err != nil {
			return err
		}
	} else {
		fmt.Fprintln(summary, summaryLine(in, dest, info, elapsed))
	}
	for _, pass := range info.Checks {
		if !pass {
			return &exitError{code: exitRejected}
		}
	}
	return nil
}

// parseInterspersed parses flags placed before or after the one positional
// argument, as "compress IN -o OUT" reads naturally.
func parseInterspersed(fl *flag.FlagSet, args []string) (string, error) {
	var pos []string
	for {
		if err := fl.Parse(args); err != nil {
			return "", &exitError{code: exitUsage}
		}
		if fl.NArg() == 0 {
			break
		}
		pos = append(pos, fl.Arg(0))
		args = fl.Args()[1:]
	}
	if len(pos) != 1 {
		fl.Usage()
		return "", &exitError{code: exitUsage}
	}
	return pos[0], nil
}

func readInput(in string, stdin io.Reader) ([]byte, error) {
	if in == "-" {
		return io.ReadAll(stdin)
	}
	return readFile(in)
}

// outputPath is -o, or stdout for stdin, or IN with .min.jpg beside it.
func outputPath(in, out string) string {
	switch {
	case out != "":
		return out
	case in == "-":
		return "-"
	}
	return strings.TrimSuffix(in, filepath.Ext(in)) + ".min.jpg"
}

// summaryLine says in one line what was done, e.g.
// "a.jpg -> a.min.jpg: 5431002 -> 1948211 bytes (limit 2000000), re-encoded 4000x3000 q84 scale 1.00, 1 encode (image/jpeg), 818 ok 826 ok 827 ok, 812 ms".
func summaryLine(in, dest string, info preflight.Info, elapsed time.Duration) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s -> %s: %d -> %d bytes (limit %d), %s %dx%d", in, dest, info.InputBytes, info.OutputBytes, info.MaxBytes, info.Action, info.Width, info.Height)
	if info.Quality > 0 {
		fmt.Fprintf(&b, " q%d", info.Quality)
	}
	fmt.Fprintf(&b, " scale %.2f, %d encode", info.Scale, info.Encodes)
	if info.Encodes != 1 {
		b.WriteString("s")
	}
	if info.Encoder != "" {
		fmt.Fprintf(&b, " (%s)", info.Encoder)
	}
	if info.Checks != nil {
		b.WriteString(",")
		for _, c := range []preflight.Code{preflight.CodeLivenessQuality, preflight.CodeBlurry, preflight.CodeCompressed} {
			verdict := "ok"
			if !info.Checks[c] {
				verdict = "FAIL"
			}
			fmt.Fprintf(&b, " %d %s", c, verdict)
		}
	}
	fmt.Fprintf(&b, ", %d ms", elapsed.Milliseconds())
	return b.String()
}
