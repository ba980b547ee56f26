package cascade

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/vision"
)

// evalRef is eval as it was before session 11: every corner read by a
// checked index and each stump's leaf chosen by a branch. The reference
// for TestEvalMatchesReference.
func evalRef(c *Cascade, win []uint32, plan []plannedStump) int {
	k := 0
	for si := range c.stages {
		st := &c.stages[si]
		var acc float32
		for range st.weak {
			ps := &plan[k]
			k++
			code := lbpRef(win, &ps.ofs)
			if ps.subset[(code>>5)&7]&(1<<(code&31)) != 0 {
				acc += ps.leaf[0]
			} else {
				acc += ps.leaf[1]
			}
		}
		if acc < st.threshold {
			return -si
		}
	}
	return 1
}

// lbpRef is lbp with checked indexing (the pre-session-11 form).
func lbpRef(win []uint32, o *[16]int32) uint32 {
	v0, v1, v2, v3 := win[o[0]], win[o[1]], win[o[2]], win[o[3]]
	v4, v5, v6, v7 := win[o[4]], win[o[5]], win[o[6]], win[o[7]]
	v8, v9, v10, v11 := win[o[8]], win[o[9]], win[o[10]], win[o[11]]
	v12, v13, v14, v15 := win[o[12]], win[o[13]], win[o[14]], win[o[15]]
	cv := v5 - v6 - v9 + v10
	return bit(v0-v1-v4+v5 >= cv, 128) | bit(v1-v2-v5+v6 >= cv, 64) |
		bit(v2-v3-v6+v7 >= cv, 32) | bit(v6-v7-v10+v11 >= cv, 16) |
		bit(v10-v11-v14+v15 >= cv, 8) | bit(v9-v10-v13+v14 >= cv, 4) |
		bit(v8-v9-v12+v13 >= cv, 2) | bit(v4-v5-v8+v9 >= cv, 1)
}

// TestEvalMatchesReference: eval gives the reference's answer (the
// rejecting stage, or a pass) on every window position of a face photo,
// noise and a face pasted on a pattern, at several pyramid scales, and
// the faces still pass somewhere (so the comparison covers late stages
// and passes, not only first-stage rejections).
func TestEvalMatchesReference(t *testing.T) {
	face := loadGray(t, "grace_hopper_256.jpg")
	doc := patternImage(480, 360, func(x, y int) uint8 { return uint8(200 + 30*((x/7+y/13)%2)) })
	for y := range face.H {
		copy(doc.Pix[(y+20)*doc.W+60:], face.Pix[y*face.W:(y+1)*face.W])
	}
	c := FrontalFace()
	plan := make([]plannedStump, c.stumps())
	for _, tt := range []struct {
		img      *vision.Gray
		wantPass bool
	}{{face, true}, {noiseImage(200, 160, 7), false}, {doc, true}} {
		img := tt.img
		scaled := &vision.Gray{Pix: make([]uint8, img.W*img.H)}
		xs := make([]int32, 2*img.W)
		stages := map[int]int{}
		for _, factor := range []float64{1, 1.1, 1.5, 2.3, 3.1} {
			sw, sh := int(float64(img.W)/factor+0.5), int(float64(img.H)/factor+0.5)
			if sw < c.W || sh < c.H {
				continue
			}
			scaled.W, scaled.H, scaled.Pix = sw, sh, scaled.Pix[:sw*sh]
			resizeInto(scaled, img, xs)
			sum := make([]uint32, (sw+1)*(sh+1))
			integral(sum, scaled)
			span := c.plan(plan, sw+1)
			for y := 0; y+c.H <= sh; y++ {
				for x := 0; x+c.W <= sw; x++ {
					win := sum[y*(sw+1)+x:]
					want := evalRef(c, win, plan)
					require.Equal(t, want, c.eval(win, plan, span), "%dx%d window at %d,%d", sw, sh, x, y)
					stages[want]++
				}
			}
		}
		if tt.wantPass {
			require.Positive(t, stages[1], "no window passed every stage")
		}
		require.Greater(t, len(stages), 3, "the windows stop at too few stages to compare")
	}
}
