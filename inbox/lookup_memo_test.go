package inbox

import (
	"slices"
	"strings"
	"testing"

	"dsrdesk/inbox/mailgen"
)

// BenchmarkLookUp runs textSegment.lookUp over the tokens of the generated
// mailbox's subjects and texts.
func BenchmarkLookUp(b *testing.B) {
	var segs []*textSegment
	var total int64
	for m := range mailgen.Generate(500, 1) {
		p := Parse(m.Raw)
		for _, text := range []string{p.Subject, p.Text} {
			s := &textSegment{src: text}
			s.tokenize()
			segs = append(segs, s)
			total += int64(len(text))
		}
	}
	orig := make([][]wordToken, len(segs))
	for k, s := range segs {
		orig[k] = slices.Clone(s.toks)
	}
	b.SetBytes(total)
	b.ReportAllocs()
	for b.Loop() {
		for k, s := range segs {
			copy(s.toks, orig[k])
			s.lookUp()
		}
	}
}

// TestLookUpMemoMatchesReference checks lookUpMemo, which lookUp uses for
// long segments only, against the reference on every text, and on texts
// repeating words whose typo step runs at some occurrences only.
func TestLookUpMemoMatchesReference(t *testing.T) {
	texts := lookUpTexts(t)
	words := strings.Join(lexiconWords(), " ")
	texts = append(texts, words+". "+words, "ab", "",
		"pesonal data. personal data, pesonal! pesonal pesonal data data",
		"vaaralle vastaanottajalle. vaaralle! vaaralle vastaanottajalle vaaralle")
	checkLookUp(t, texts, (*textSegment).lookUpMemo)
}
