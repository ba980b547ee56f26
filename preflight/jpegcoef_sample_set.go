package preflight

import (
	"math/bits"

	"github.com/idpreflight/idpreflight/internal/hugepage"
)

// sampleSet is the blocks of a sample (countSample's MCUs at one step)
// copied out in the order the sample counts them, with what each MCU's
// DC predictions start from: the search counts the same sample at four
// to seven scales, and countSample's reads of runs of four MCUs spread
// over the whole image (74 MB of values at 100 MP) cost it about twice
// an exact count's time per block. A set is read as one run of memory
// instead.
type sampleSet struct {
	// vals holds the sampled blocks' stored values, block after block,
	// and nz their masks: per MCU the components' blocks in scan order.
	vals []int16
	nz   []uint64
	// start holds per sampled MCU where its DC predictions come from.
	start []uint8
	// dcs holds per sampleFromDC MCU the stored DC of the block before
	// it in the scan, per component.
	dcs []int16
	// mcus is the image's MCUs, sampled the sampled ones.
	mcus, sampled int
	// whole says the set is every MCU (step 1).
	whole bool
}

// How a sampled MCU's DC predictions start (sampleSet.start).
const (
	sampleKeepDC  = iota // the block before was sampled: as they are
	sampleResetDC        // the first MCU or a restart interval's: zero
	sampleFromDC         // a run's first MCU: the DC of the block before
)

// sampleSetOf copies out the sample countSample takes at step, into
// arrays sized by a first walk over the sampled blocks' masks (grown by
// append they were copied and faulted in twice over).
func (c *coefImage) sampleSetOf(step int) *sampleSet {
	s := &sampleSet{mcus: c.mcusX * c.mcusY, whole: step == 1}
	perMCU := 0
	for _, cc := range c.comps {
		perMCU += cc.bh * cc.bv
	}
	values, runs := 0, 0
	c.sampleMCUs(step, func(mx, my, x0 int) {
		s.sampled++
		if mx == x0 {
			runs++
		}
		for i := range c.comps {
			cc := &c.comps[i]
			for y := range cc.bv {
				for x := range cc.bh {
					values += bits.OnesCount64(cc.nz[cc.index(mx*cc.bh+x, my*cc.bv+y)])
				}
			}
		}
	})
	s.vals = make([]int16, 0, values)
	s.nz = make([]uint64, 0, s.sampled*perMCU)
	s.start = make([]uint8, 0, s.sampled)
	s.dcs = make([]int16, 0, runs*len(c.comps))
	hugepage.Advise(s.vals)
	ri := c.scan.restart
	c.sampleMCUs(step, func(mx, my, x0 int) {
		m := my*c.mcusX + mx
		switch {
		case m == 0 || ri > 0 && m%ri == 0:
			s.start = append(s.start, sampleResetDC)
		case mx == x0:
			s.start = append(s.start, sampleFromDC)
			// The last block of the MCU before, in scan order.
			pm := m - 1
			px, py := pm%c.mcusX, pm/c.mcusX
			for i := range c.comps {
				cc := &c.comps[i]
				s.dcs = append(s.dcs, cc.dcOf(cc.index(px*cc.bh+cc.bh-1, py*cc.bv+cc.bv-1)))
			}
		default:
			s.start = append(s.start, sampleKeepDC)
		}
		for i := range c.comps {
			cc := &c.comps[i]
			for y := range cc.bv {
				for x := range cc.bh {
					b := cc.index(mx*cc.bh+x, my*cc.bv+y)
					s.nz = append(s.nz, cc.nz[b])
					s.vals = append(s.vals, cc.blockVals(b)...)
				}
			}
		}
	})
	return s
}

// sampleMCUs calls visit for every MCU (mx, my) of the sample at step,
// in scan order, with x0 the first MCU of its run.
func (c *coefImage) sampleMCUs(step int, visit func(mx, my, x0 int)) {
	for my := range c.mcusY {
		first := (step - sampleDiagonal*my%step) % step * sampleRun
		for x0 := first; x0 < c.mcusX; x0 += step * sampleRun {
			for mx := x0; mx < min(x0+sampleRun, c.mcusX); mx++ {
				visit(mx, my, x0)
			}
		}
	}
}

// count is countSample(q, step) for the set c.sampleSetOf(step) made:
// the same blocks counted in the same order from the same predictions,
// so the same statistics and factor.
func (s *sampleSet) count(c *coefImage, q [4]*[64]uint16) (*coefStats, float64) {
	st := &coefStats{intervals: 1}
	rq := c.requantizers(q)
	sc := c.symCounters(st)
	var pred [4]int
	o, b, d := 0, 0, 0
	for _, how := range s.start {
		switch how {
		case sampleResetDC:
			pred = [4]int{}
		case sampleFromDC:
			for i := range c.comps {
				pred[i&3] = int(rq[c.comps[i].tq].coef(0, s.dcs[d]))
				d++
			}
		}
		for i := range c.comps {
			cc := &c.comps[i]
			r := rq[cc.tq]
			for range cc.bh * cc.bv {
				nz := s.nz[b]
				b++
				st.extra += countBlock(s.vals[o:], nz, r, &pred[i&3], &sc[i&3], nil)
				o += bits.OnesCount64(nz)
			}
		}
	}
	if s.whole && c.scan.restart > 0 {
		// Whole: the intervals' padding and markers as count has them.
		st.intervals = ceilDiv(s.mcus, c.scan.restart)
	}
	st.buildTables(c)
	return st, float64(s.mcus) / float64(max(1, s.sampled))
}
