// Command compress benchmarks `preflight compress` against ImageMagick's
// `convert -define jpeg:extent=N` on the same files in one run: wall and
// CPU time (ours / its), encodes used, output bytes, and the quality of each result
// against the original (PSNR and SSIM on luma, at the original's size:
// a downscaled output is enlarged back bilinearly, so resolution lost is
// counted as quality lost). Ours runs as `preflight compress` does by
// default, checking its output for 818/826/827 (Info.Checks), which
// ImageMagick does not do; -verify=false times the recompression alone
// (what this benchmark measured before session 5).
//
//	go run ./bench/compress -tool pure=bin/preflight -tool gocv=bin/preflight-gocv [FILE...]
//
// Without files it generates a set of synthetic phone photos (internal/synth)
// in a temporary folder. bench/compress_vs_imagemagick.sh builds the tools
// and runs it.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"image"
	"image/jpeg"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"golang.org/x/image/draw"

	"github.com/idpreflight/idpreflight/internal/synth"
	"github.com/idpreflight/idpreflight/internal/vision"
	"github.com/idpreflight/idpreflight/preflight"
)

// toolList collects -tool name=path flags.
type toolList []string

func (t *toolList) String() string     { return strings.Join(*t, ",") }
func (t *toolList) Set(v string) error { *t = append(*t, v); return nil }

func main() {
	var tools toolList
	flag.Var(&tools, "tool", "name=path[,flag...] of a preflight binary to compare, with flags of its own for compress (repeatable)")
	maxBytes := flag.Int("max-bytes", preflight.DefaultMaxBytes, "byte budget")
	runs := flag.Int("runs", 2, "timed runs per file and tool; the fastest counts")
	big := flag.Bool("big", false, "add a 100 MP photo to the generated set")
	keep := flag.String("keep", "", "write the generated set into this folder and keep it")
	verify := flag.Bool("verify", true, "let preflight compress check its output for 818/826/827, as it does by default (false: --verify=false, the recompression alone)")
	flag.Parse()
	if len(tools) == 0 {
		tools = toolList{"pure=bin/preflight"}
	}
	files := flag.Args()
	if len(files) == 0 {
		dir := *keep
		if dir == "" {
			tmp, err := os.MkdirTemp("", "compressbench")
			if err != nil {
				fail(err)
			}
			defer os.RemoveAll(tmp)
			dir = tmp
		} else if err := os.MkdirAll(dir, 0o755); err != nil {
			fail(err)
		}
		var err error
		if files, err = generate(dir, *big); err != nil {
			fail(err)
		}
	}
	if !*verify {
		for i := range tools {
			tools[i] += ",--verify=false"
		}
	}
	if err := bench(files, tools, *maxBytes, *runs); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "compress bench:", err)
	os.Exit(1)
}

// generate writes the synthetic set: phone photos at 12, 24 and 48 MP of
// the desk scene, a text page and a noisy scene, as a camera's JPEG.
func generate(dir string, big bool) ([]string, error) {
	type spec struct {
		name    string
		w, h, q int
		img     func(w, h int) (*vision.RGB, error)
	}
	desk := func(sigma float64) func(w, h int) (*vision.RGB, error) {
		return func(w, h int) (*vision.RGB, error) { return synth.DeskPhoto(w, h, sigma, 1) }
	}
	specs := []spec{
		{"desk-12mp", 4000, 3000, 95, desk(3)},
		{"text-12mp", 4000, 3000, 95, func(w, h int) (*vision.RGB, error) { return synth.TextPage(w, h, 1), nil }},
		{"noisy-24mp", 6000, 4000, 95, desk(10)},
		{"desk-48mp", 8000, 6000, 92, desk(3)},
	}
	if big {
		specs = append(specs, spec{"desk-100mp", 12000, 8400, 92, desk(3)})
	}
	var files []string
	for _, s := range specs {
		fmt.Fprintln(os.Stderr, "generating", s.name)
		m, err := s.img(s.w, s.h)
		if err != nil {
			return nil, err
		}
		data, err := synth.EncodeJPEG(m, s.q)
		if err != nil {
			return nil, err
		}
		path := filepath.Join(dir, s.name+".jpg")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return nil, err
		}
		files = append(files, path)
	}
	return files, nil
}

// result is one tool on one file.
type result struct {
	tool    string
	elapsed time.Duration
	cpu     time.Duration // user + system time of the process
	bytes   int
	encodes int
	quality int
	width   int
	psnr    float64
	ssim    float64
}

func bench(files []string, tools []string, maxBytes, runs int) error {
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "file\tMB in\ttool\twall ms\tvs IM\tCPU ms\tvs IM\tencodes\tbytes out\tquality\twidth\tPSNR dB\tSSIM\t")
	for _, f := range files {
		fmt.Fprintln(os.Stderr, "benchmarking", filepath.Base(f))
		orig, err := decodeLuma(f, 0, 0)
		if err != nil {
			return err
		}
		info, err := os.Stat(f)
		if err != nil {
			return err
		}
		im, err := runIM(f, maxBytes, runs)
		if err != nil {
			return err
		}
		all := []result{im}
		for _, t := range tools {
			name, spec, _ := strings.Cut(t, "=")
			args := strings.Split(spec, ",") // the binary, then flags of its own
			r, err := runOurs(name, args[0], args[1:], f, maxBytes, runs)
			if err != nil {
				return err
			}
			all = append(all, r)
		}
		for i := range all {
			out := outPath(f, all[i].tool)
			got, err := decodeLuma(out, orig.W, orig.H)
			if err != nil {
				return err
			}
			all[i].psnr, all[i].ssim = psnr(orig, got), ssim(orig, got)
			os.Remove(out)
		}
		for _, r := range all {
			fmt.Fprintf(tw, "%s\t%.1f\t%s\t%d\t%.2f\t%d\t%.2f\t%d\t%d\t%d\t%d\t%.2f\t%.4f\t\n", filepath.Base(f), float64(info.Size())/1e6, r.tool,
				r.elapsed.Milliseconds(), float64(r.elapsed)/float64(im.elapsed), r.cpu.Milliseconds(), float64(r.cpu)/float64(im.cpu),
				r.encodes, r.bytes, r.quality, r.width, r.psnr, r.ssim)
		}
	}
	return tw.Flush()
}

func outPath(in, tool string) string {
	return strings.TrimSuffix(in, filepath.Ext(in)) + "." + tool + ".out.jpg"
}

// fastest runs cmd runs times and returns the fastest wall time, the
// CPU time (user + system) of the fastest run, and that run's stdout. CPU
// time is the fair measure on a shared machine, where wall time is mostly
// waiting. Exit code 1 (an output failing a check) is not an error here.
func fastest(runs int, mk func() *exec.Cmd) (time.Duration, time.Duration, []byte, error) {
	best, cpu := time.Duration(math.MaxInt64), time.Duration(0)
	var stdout []byte
	for range max(runs, 1) {
		cmd := mk()
		var ob, eb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &ob, &eb
		t0 := time.Now()
		err := cmd.Run()
		d := time.Since(t0)
		var ee *exec.ExitError
		if err != nil && !(errors.As(err, &ee) && ee.ExitCode() == 1) {
			return 0, 0, nil, fmt.Errorf("%v: %v: %s", cmd.Args, err, eb.String())
		}
		if d < best {
			best, cpu, stdout = d, cmd.ProcessState.UserTime()+cmd.ProcessState.SystemTime(), ob.Bytes()
		}
	}
	return best, cpu, stdout, nil
}

// runIM runs convert with jpeg:extent. Its encodes are counted from
// `-debug coder`, which logs "Quality: N" for every WriteJPEGImage call:
// the outer call, which only starts the binary search (checked with
// strace: no file is written for it), then each trial and the final
// write.
func runIM(f string, maxBytes, runs int) (result, error) {
	out := outPath(f, "imagemagick")
	extent := fmt.Sprintf("jpeg:extent=%d", maxBytes)
	d, cpu, _, err := fastest(runs, func() *exec.Cmd { return exec.Command("convert", f, "-define", extent, out) })
	if err != nil {
		return result{}, err
	}
	var log bytes.Buffer
	cmd := exec.Command("convert", "-debug", "coder", f, "-define", extent, out)
	cmd.Stderr = &log
	if err := cmd.Run(); err != nil {
		return result{}, err
	}
	writes := 0
	for _, line := range strings.Split(log.String(), "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "Quality:") && !strings.Contains(line, "exact") {
			writes++ // the reader's line says "(exact)"
		}
	}
	r := result{tool: "imagemagick", elapsed: d, cpu: cpu, encodes: max(writes-1, 1)}
	return r, fill(&r, out)
}

// runOurs runs `preflight compress` and reads its Info (--json prints it
// on stdout when the image goes to a file).
func runOurs(name, bin string, flags []string, f string, maxBytes, runs int) (result, error) {
	out := outPath(f, name)
	d, cpu, js, err := fastest(runs, func() *exec.Cmd {
		return exec.Command(bin, append([]string{"compress", f, "-o", out, "--max-bytes", fmt.Sprint(maxBytes), "--json"}, flags...)...)
	})
	if err != nil {
		return result{}, err
	}
	var info preflight.Info
	if err := json.Unmarshal(js, &info); err != nil {
		return result{}, fmt.Errorf("%s: %v: %s", name, err, js)
	}
	r := result{tool: name, elapsed: d, cpu: cpu, encodes: info.Encodes}
	return r, fill(&r, out)
}

// fill reads the output's size, quality (from its tables) and width.
func fill(r *result, out string) error {
	data, err := os.ReadFile(out)
	if err != nil {
		return err
	}
	r.bytes = len(data)
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return err
	}
	r.width = cfg.Width
	r.quality, _ = preflight.EstimateJPEGQuality(data)
	return nil
}

// decodeLuma decodes a JPEG to luma, enlarged bilinearly to w×h when
// those are set and differ.
func decodeLuma(path string, w, h int) (*vision.Gray, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	img, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if b := img.Bounds(); w > 0 && (b.Dx() != w || b.Dy() != h) {
		dst := image.NewRGBA(image.Rect(0, 0, w, h))
		draw.BiLinear.Scale(dst, dst.Bounds(), img, b, draw.Src, nil)
		img = dst
	}
	return vision.FromImage(img).Gray(), nil
}

func psnr(a, b *vision.Gray) float64 {
	var se float64
	for i, v := range a.Pix {
		d := float64(v) - float64(b.Pix[i])
		se += d * d
	}
	mse := se / float64(len(a.Pix))
	if mse == 0 {
		return math.Inf(1)
	}
	return 10 * math.Log10(255*255/mse)
}

// ssim is the mean structural similarity over 8×8 windows on a 4-pixel
// grid (Wang et al. 2004, constants K1 = 0.01, K2 = 0.03).
func ssim(a, b *vision.Gray) float64 {
	const c1, c2 = (0.01 * 255) * (0.01 * 255), (0.03 * 255) * (0.03 * 255)
	var sum float64
	n := 0
	for y := 0; y+8 <= a.H; y += 4 {
		for x := 0; x+8 <= a.W; x += 4 {
			var sa, sb, saa, sbb, sab float64
			for yy := y; yy < y+8; yy++ {
				for xx := x; xx < x+8; xx++ {
					va, vb := float64(a.Pix[yy*a.W+xx]), float64(b.Pix[yy*a.W+xx])
					sa, sb, saa, sbb, sab = sa+va, sb+vb, saa+va*va, sbb+vb*vb, sab+va*vb
				}
			}
			ma, mb := sa/64, sb/64
			va, vb, cov := saa/64-ma*ma, sbb/64-mb*mb, sab/64-ma*mb
			sum += ((2*ma*mb + c1) * (2*cov + c2)) / ((ma*ma + mb*mb + c1) * (va + vb + c2))
			n++
		}
	}
	return sum / float64(n)
}
