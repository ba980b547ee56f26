// Command synthframes writes the first n consecutive frames of the
// capture page's fake camera clip (internal/synth.CaptureClip: empty
// scene, the card entering with motion blur, glare, tilt, held steady) as
// raw RGBA files, frame-NNN.rgba, for the OpenCV.js comparison when no
// photo folder is given. Consecutive frames let the tracker work as on a
// live camera.
//
//	go run ./bench/opencvjs/synthframes -o DIR [-n 60] [-w 640 -h 480]
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/idpreflight/idpreflight/internal/synth"
	"github.com/idpreflight/idpreflight/internal/vision"
)

func main() {
	out := flag.String("o", "", "output folder")
	n := flag.Int("n", 60, "consecutive frames to write from the start of the clip")
	w := flag.Int("w", 640, "frame width")
	h := flag.Int("h", 480, "frame height")
	flag.Parse()
	if err := run(*out, *n, *w, *h); err != nil {
		fmt.Fprintln(os.Stderr, "synthframes:", err)
		os.Exit(1)
	}
}

func run(out string, n, w, h int) error {
	if out == "" || n < 1 {
		return fmt.Errorf("need -o DIR and -n >= 1")
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	clip := synth.CaptureClip(w, h, 15, 1)
	rgba := make([]byte, 4*w*h)
	written := 0
	return clip.Render(func(i int, img *vision.RGB, _ synth.FrameTruth) error {
		if written >= n {
			return nil
		}
		for j := 0; j < img.W*img.H; j++ {
			rgba[4*j], rgba[4*j+1], rgba[4*j+2], rgba[4*j+3] = img.Pix[3*j], img.Pix[3*j+1], img.Pix[3*j+2], 255
		}
		written++
		return os.WriteFile(filepath.Join(out, fmt.Sprintf("frame-%03d.rgba", i)), rgba, 0o644)
	})
}
