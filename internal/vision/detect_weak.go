package vision

import (
	"math"
	"sort"
)

// Weak outlines with document content: a card held in the hand, a glared
// or faint-bordered passport page can score under minDocScore although
// the outline is the document's, because a hand lies over and past a
// side or a border fades into the background. Edge support alone cannot
// tell such an outline from a shape on the desk, but its content can: a
// face where a document's portrait sits (detect_portrait.go) and rows of
// text. When nothing passes minDocScore, the best outline scoring at
// least weakDocScore that holds both is reported. Scenes without a
// document rarely hold a face at a portrait's place and size inside an
// outline that also reads as text rows; set on the whole dev set
// (README).
const (
	weakDocScore = 0.45     // weakest outline a portrait can carry
	weakDocRows  = rowsFull // text rows such an outline must read as
)

// portraitHolder returns, as the only pick, the best-ranked hypothesis
// scoring at least weakDocScore that holds a portrait and text rows,
// among the first portraitAnswers distinct ones; nil when there is none
// or no face finder (Fast mode). It sorts hyps by Rank.
func portraitHolder(work *RGB, hyps []hypothesis, cfg detectConfig) []hypothesis {
	if cfg.portrait == nil {
		return nil
	}
	sort.SliceStable(hyps, func(i, j int) bool { return hyps[i].Rank > hyps[j].Rank })
	var cands []hypothesis
	for _, h := range hyps {
		// An outline lifted over an off-frame one sharing its three seen
		// sides (preferInFrame) is that document closed in the frame: the
		// displaced outline's score vouches for it, as pickDocuments
		// takes the best Score from any outline and the pick by Rank.
		if math.Max(h.Score, h.vouch) < weakDocScore {
			continue
		}
		cands = append(cands, h)
		if len(cands) == 4*portraitAnswers {
			break
		}
	}
	answers := distinctAnswers(cands)
	if len(answers) == 0 {
		return nil
	}
	faces := cfg.portrait.search(answers)
	for _, h := range cands {
		if holdsPortrait(h.Q, faces) && textRows(work, h.Q) >= weakDocRows {
			return []hypothesis{h}
		}
	}
	return nil
}
