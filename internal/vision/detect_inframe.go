package vision

import (
	"math"
	"sort"
)

// An outline that runs off the frame and one inside it that shares three
// of its sides: the document lies in the frame and the fourth side of the
// larger outline is a line of the background past the document's faint
// edge (a newspaper column, the frame's own border), or the document is
// cropped and the smaller outline's fourth side is printed on it.
const (
	inFrameOff   = 0.97 // the winner runs off the frame: less of it is visible
	inFrameIn    = 0.99 // the alternative is inside the frame: this much is visible
	inFrameReach = 0.7  // the alternative's rank, share of the winner's
)

// preferInFrame lifts, just above the winner by Rank, the best outline
// inside the frame that shares three sides with a winner running off it;
// the lifted outline keeps the winner's Score as its vouch. It sorts hyps
// by Rank.
func preferInFrame(hyps []hypothesis) {
	if len(hyps) < 2 {
		return
	}
	sort.SliceStable(hyps, func(i, j int) bool { return hyps[i].Rank > hyps[j].Rank })
	win := &hyps[0]
	// A winner whose off-frame side the aspect prior placed has no
	// background line past the document to be fooled by: it is the
	// outline of a cropped document, and the box inside it that shares
	// its three seen sides closes on a line printed on the card.
	if win.Visible >= inFrameOff || win.extrapol {
		return
	}
	for i := 1; i < len(hyps); i++ {
		h := &hyps[i]
		if h.Rank < inFrameReach*win.Rank {
			break
		}
		if h.Visible < inFrameIn || h.Q.Area() >= win.Q.Area() || sharedSides(win.Lines, h.Lines) != 3 {
			continue
		}
		h.Rank = win.Rank * (1 + 1e-9)
		h.vouch = math.Max(h.vouch, win.Score)
		sort.SliceStable(hyps, func(i, j int) bool { return hyps[i].Rank > hyps[j].Rank })
		return
	}
}

// sharedSides counts the seen lines two outlines have in common.
func sharedSides(a, b [4]int) int {
	n := 0
	for _, x := range a {
		for _, y := range b {
			if x >= 0 && x == y {
				n++
				break
			}
		}
	}
	return n
}
