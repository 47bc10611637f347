package inbox

import (
	"slices"
	"strings"
)

// textAnalysis is what the words of a message say.
type textAnalysis struct {
	items      []evidenceItem // strongest per sentence and kind
	raw        []evidenceItem // all the evidence, before aggregating
	kinds      kindSet        // the kinds the verdict names
	certain    bool           // some kind has strong evidence in the writer's own words
	hasRequest bool           // some evidence of a request, however weak
	veryShort  bool           // fewer than three words of the writer's own
	bulk       []string       // footer, spam and sender evidence of bulk mail
	notes      []string       // further reasons for a request
	otherWhy   []string       // reasons for Other
	otherCheck bool           // Other, but an officer should look (a question about data handling)
	segs       []*textSegment // the segments read, for release
}

// release gives the tokens of the analysed segments back; the analysis
// must not be used after it.
func (a *textAnalysis) release() {
	for _, s := range a.segs {
		s.release()
	}
}

// analyseText reads the subject and the writer's own words, and forwarded
// text as weaker evidence.
func analyseText(p Parsed, sp textSplit) *textAnalysis {
	a := &textAnalysis{}
	th := threadOf(p.Subject)
	subjSrc := srcSubject
	if th.Reply {
		subjSrc = srcReplySubject
	}
	subj := newSegment(th.BaseSubject, subjSrc)
	ownText, fwdText, quotedText := sp.own, sp.forwarded, sp.quoted
	if f := p.Forward; f != nil && fwdText == "" && f.Text != p.Text {
		fwdText = f.Subject + "\n\n" + f.Text
	}
	own := newSegment(ownText, srcOwn)
	fwd := newSegment(fwdText, srcForwarded)
	a.segs = []*textSegment{subj, own, fwd}

	words := len(own.toks)
	if subjSrc == srcSubject {
		words += len(subj.toks)
	}
	a.veryShort = words < 3
	e := &textEvaluator{short: words <= 8, company: companyData(own) || companyData(subj)}
	e.evaluate(own) // first, so that its phrases are the reasons given
	e.evaluate(subj)
	e.evaluate(fwd)

	ownItems, subjItems := 0, 0
	for _, it := range e.items {
		switch it.seg {
		case own:
			ownItems++
		case subj:
			subjItems++
		}
	}
	thanksOnly := subjSrc == srcReplySubject && ownItems == 0 && len(own.toks) <= 15 && own.has(fThanks)
	if thanksOnly && subjItems > 0 {
		// A reply that only thanks: the subject's words are ours, quoted back.
		kept := e.items[:0]
		for _, it := range e.items {
			if it.seg != subj {
				kept = append(kept, it)
			}
		}
		e.items = kept
	}
	if len(e.items) == 0 && !thanksOnly {
		e.ownData(own)
	}
	e.listRemovalsToErasure()

	a.raw = slices.Clone(e.items)
	a.aggregate(e.items)
	a.bulk = bulkTextEvidence(p, subj, own)
	for _, r := range e.bulk {
		if !slices.Contains(a.bulk, r) {
			a.bulk = append(a.bulk, r)
		}
	}

	switch {
	case a.hasRequest:
		if a.veryShort {
			a.notes = append(a.notes, "very short mail")
		}
	case len(own.toks) == 0 && len(subj.toks) == 0 && len(p.Attachments) > 0:
		a.hasRequest = true
		a.notes = append(a.notes, "no text, only attachments: check them")
	default:
		a.explainOther(subj, own, quotedText, thanksOnly)
		if len(e.checks) > 0 {
			a.otherCheck = true
			a.otherWhy = append(a.otherWhy, e.checks...)
		}
	}
	return a
}

// listRemovalsToErasure makes "remove me from your marketing list too" part
// of an erasure when the writer's own words also ask to erase their data:
// an objection needs words of banning or stopping of its own.
func (e *textEvaluator) listRemovalsToErasure() {
	erasure := false
	for _, it := range e.items {
		if it.kind == ixErasure && it.level >= 2 && (it.seg.source == srcOwn || it.seg.source == srcSubject) {
			erasure = true
		}
	}
	if !erasure {
		return
	}
	for i := range e.items {
		if e.items[i].listRemoval {
			e.items[i].kind = ixErasure
		}
	}
}

// genuineOnly is the analysis of only the evidence that is a genuine
// first-person ask in the writer's own words: what may make bulk mail a
// request. A newsletter's footer ("unsubscribe", "avsluta
// prenumerationen"), its instructions to the reader ("poista asiakkaan
// tiedot") and its articles about rights are not.
func (a *textAnalysis) genuineOnly() *textAnalysis {
	var kept []evidenceItem
	for _, it := range a.raw {
		if it.genuine() {
			kept = append(kept, it)
		}
	}
	g := &textAnalysis{veryShort: a.veryShort, bulk: a.bulk, notes: a.notes}
	g.aggregate(kept)
	return g
}

// genuine reports whether evidence is a first-person ask about the
// writer's own data, in their own words: a kind, at least medium, in the
// writer's text or subject, in a sentence where the writer speaks as one
// person (I, minä, jag, haluan, tietoni, minut) outside quotation marks,
// not itself quoted speech ("Lukija kysyy: ”Haluan tietää …”"), not a
// question of how or whether, not pointing at a link, and in a long text
// not a heading or link label (a line without a full stop).
func (it evidenceItem) genuine() bool {
	if it.kind < 0 || it.level < 2 || it.seg.source != srcOwn && it.seg.source != srcSubject {
		return false
	}
	s := it.seg
	se := s.sents[s.toks[it.cue].sent]
	if s.source == srcOwn && !se.closed && len(s.sents) >= 6 {
		return false
	}
	self, quoted := false, false
	for k := max(se.first, it.cue-reach); k <= min(se.last, it.cue+reach); k++ {
		if s.quoteMarksBefore(k)%2 == 1 {
			quoted = !quoted
		}
		if k == it.cue && quoted {
			return false
		}
		t := &s.toks[k]
		if t.feat&(fQuestion|fFooter) != 0 || linkWord(t.w) {
			return false // "how do I …", "poista minut listalta tästä"
		}
		if !quoted && (t.feat&(fSelf|fMe) != 0 || t.poss == 1) {
			self = true
		}
	}
	return self
}

// linkWord reports whether w points at a link or a button, as a mailer's
// footer does ("click", "tästä", "länken", "below").
func linkWord(w string) bool {
	switch w {
	case "click", "klikkaa", "klikkaamalla", "klicka", "link", "lanken", "lank", "here", "tasta", "taalta",
		"alta", "below", "nedan", "preferences", "installningar", "button", "painike", "painikkeesta", "knappen":
		return true
	}
	return strings.HasPrefix(w, "linkki") || strings.HasPrefix(w, "tilausasetu")
}

// quoteMarksBefore counts the quotation marks between token k and the word
// before it.
func (s *textSegment) quoteMarksBefore(k int) int {
	start := 0
	if k > 0 {
		start = int(s.toks[k-1].end)
	}
	n := 0
	for _, r := range s.src[start:s.toks[k].start] {
		switch r {
		case '"', '“', '”', '„', '«', '»':
			n++
		}
	}
	return n
}

// sentHas reports whether token k's sentence has a word with any of f,
// within reach of k.
func (s *textSegment) sentHas(k int, f lexFeature) bool {
	se := s.sents[s.toks[k].sent]
	for j := max(se.first, k-reach); j <= min(se.last, k+reach); j++ {
		if s.toks[j].feat&f != 0 {
			return true
		}
	}
	return false
}

// has reports whether any token of s has any of f.
func (s *textSegment) has(f lexFeature) bool {
	for i := range s.toks {
		if s.toks[i].feat&f != 0 {
			return true
		}
	}
	return false
}

// ownData is the last resort for a person's mail with no kind word: an ask
// about the writer's own data ("pyydän tietojani", "I want my data") is a
// weak access request.
func (e *textEvaluator) ownData(s *textSegment) {
	for k := range s.toks {
		if s.toks[k].feat&fAsk == 0 || s.hedged(k) {
			continue
		}
		c := s.cue(k)
		if c.sentHas(fTransfer | fAbroad | fSource) {
			continue // "siirrättekö asiakastietoja alihankkijoille?": about the notice
		}
		if d, st := c.objectIn(fData|fPersonal, c.lo, c.hi, false); st == 2 {
			if c.sentHas(fStop | fProcessing | fNeg) {
				// "please stop using my data": some request, but not access.
				e.add(c, -1, 1, "asks about own data", k, d)
			} else {
				e.add(c, ixAccess, 1, "asks about own data", k, d)
			}
			return
		}
	}
}

// aggregate keeps the strongest evidence per sentence and kind and decides
// which kinds the verdict names. The writer's own words (subject included)
// make it certain when they hold strong evidence for a kind, or medium
// evidence backed by a second medium or supporting sentence; weak evidence
// never does. A certain verdict names the kinds with at least medium
// evidence, an uncertain one every kind with any.
func (a *textAnalysis) aggregate(items []evidenceItem) {
	type key struct {
		s          *textSegment
		sent, kind int
	}
	best := map[key]int{}
	for _, it := range items {
		k := key{it.seg, int(it.seg.toks[it.cue].sent), it.kind}
		if j, ok := best[k]; ok {
			old := a.items[j]
			if it.level > old.level || it.level == old.level && named(old) && !named(it) {
				a.items[j] = it
			}
			continue
		}
		best[k] = len(a.items)
		a.items = append(a.items, it)
	}
	var maxLevel, ownMax, ownBacking [len(kindNames)]int
	for _, it := range a.items {
		if it.kind >= 0 && it.note != supportNote {
			maxLevel[it.kind] = max(maxLevel[it.kind], it.level)
		}
	}
	kept := a.items[:0]
	for _, it := range a.items {
		if it.kind >= 0 && maxLevel[it.kind] == 0 {
			continue // only support, for a kind with no evidence of its own
		}
		kept = append(kept, it)
		a.hasRequest = true
		if src := it.seg.source; it.kind >= 0 && (src == srcOwn || src == srcSubject) {
			if it.note != supportNote {
				ownMax[it.kind] = max(ownMax[it.kind], it.level)
			}
			if it.level >= 2 || it.note == supportNote {
				ownBacking[it.kind]++
			}
		}
	}
	a.items = kept
	for k := range Kinds {
		if ownMax[k] == 3 || ownMax[k] == 2 && ownBacking[k] >= 2 {
			a.certain = true
		}
	}
	threshold := 1
	if a.certain {
		threshold = 2
	}
	for k := range Kinds {
		if maxLevel[k] >= threshold {
			a.kinds |= 1 << k
		}
	}
}

// named reports whether evidence rests on a right's or an article's name
// rather than on a verb, which makes the better reason.
func named(it evidenceItem) bool {
	return it.seg.toks[it.cue].feat&(fRight|fArticle|fGenericRequest) != 0
}

// supportNote marks evidence that only supports other evidence of its kind.
const supportNote = "supports the above"

// kindNames sizes the per-kind arrays; it must list Kinds.
var kindNames = [...]string{"access", "rectification", "erasure", "restriction", "portability", "objection"}

// request builds a Request verdict from the analysis.
func (a *textAnalysis) request() Verdict {
	v := Verdict{Disposition: Request, Uncertain: !a.certain || a.veryShort || len(a.bulk) > 0}
	for k := range Kinds {
		if a.kinds&(1<<k) == 0 {
			continue
		}
		v.Kinds = append(v.Kinds, Kinds[k])
		if it, ok := a.best(k); ok {
			v.Reasons = append(v.Reasons, it.reason())
		}
	}
	if len(v.Kinds) == 0 {
		if it, ok := a.best(-1); ok {
			v.Reasons = append(v.Reasons, it.reason())
		}
	}
	v.Reasons = append(v.Reasons, a.notes...)
	if len(v.Reasons) == 0 {
		v.Reasons = []string{"a person's mail that may be a request"}
	}
	return v
}

// best returns the strongest evidence for kind, the earliest of equals.
func (a *textAnalysis) best(kind int) (evidenceItem, bool) {
	var best evidenceItem
	found := false
	for _, it := range a.items {
		if it.kind == kind && (!found || it.level > best.level) {
			best, found = it, true
		}
	}
	return best, found
}

// other builds an Other verdict from the analysis.
func (a *textAnalysis) other() Verdict {
	return Verdict{Disposition: Other, Reasons: a.otherWhy, Uncertain: a.otherCheck}
}

// explainOther gives the reasons for Other: that no request was found, and
// what the mail seems to be about instead.
func (a *textAnalysis) explainOther(subj, own *textSegment, quoted string, thanksOnly bool) {
	switch {
	case len(own.toks) == 0 && len(subj.toks) == 0:
		a.otherWhy = append(a.otherWhy, "no text")
	case thanksOnly:
		a.otherWhy = append(a.otherWhy, "a reply that only thanks; no request in the writer's own words")
	default:
		a.otherWhy = append(a.otherWhy, "no request in the writer's own words")
	}
	for _, s := range []*textSegment{subj, own} {
		for _, se := range s.sents {
			qw := -1
			topic := -1
			for k := se.first; k <= se.last; k++ {
				t := &s.toks[k]
				// "kuinka kauan", "why", and the indirect "whether" or
				// "siirretäänkö".
				if qw < 0 && (t.feat&(fQuestion|fWhat) != 0 || len(t.w) > 5 && strings.HasSuffix(t.w, "ko") && !s.swedish) {
					qw = k
				}
				if topic < 0 && (t.feat&(fPrivacy|fPersonal|fSource) != 0 || t.feat&fData != 0 && t.poss == 1 ||
					t.feat&fTransfer != 0 && s.sentHas(k, fAbroad)) {
					topic = k
				}
			}
			if topic >= 0 && (qw >= 0 || se.question) && !a.otherCheck {
				a.otherCheck = true
				a.otherWhy = append(a.otherWhy, "text "+quoteReason(s.quote(qw, topic))+" → a question about data handling, no right exercised")
			}
		}
	}
	if s, k := firstWith(fBusiness, subj, own); k >= 0 {
		a.otherWhy = append(a.otherWhy, "text "+quoteReason(s.quote(k))+" → an order, invoice or delivery matter")
	}
	if quoted != "" {
		q := newSegment(quoted, srcQuoted)
		qe := &textEvaluator{}
		qe.evaluate(q)
		if len(qe.items) > 0 {
			a.otherWhy = append(a.otherWhy, "request words only in quoted text: "+qe.items[0].reason())
		}
		q.release()
	}
}

// firstWith returns the first token with any of f in the segments, and its
// segment; -1 if there is none.
func firstWith(f lexFeature, segs ...*textSegment) (*textSegment, int) {
	for _, s := range segs {
		for k := range s.toks {
			if s.toks[k].feat&f != 0 {
				return s, k
			}
		}
	}
	return nil, -1
}

// localPunct takes the separators out of an address's local part, so that
// "news-letter" and "news.letter" are "newsletter".
var localPunct = strings.NewReplacer("-", "", "_", "", ".", "")

// bulkTextEvidence finds newsletter footers and spam in the writer's words
// and bulk senders.
func bulkTextEvidence(p Parsed, segs ...*textSegment) []string {
	var reasons []string
	seen := map[string]bool{}
	for _, s := range segs {
		for k := range s.toks {
			f := s.toks[k].feat
			var r string
			switch {
			case f&fFooter != 0:
				r = "text " + quoteReason(s.quote(k)) + " → newsletter footer"
			case f&fSpam != 0:
				r = "text " + quoteReason(s.quote(k)) + " → spam"
			default:
				continue
			}
			if !seen[r] {
				seen[r] = true
				reasons = append(reasons, r)
			}
		}
	}
	local := strings.ToLower(p.From.Email)
	if at := strings.LastIndexByte(local, '@'); at >= 0 {
		local = local[:at]
	}
	// Not noreply: web forms and ticket systems send requests from it.
	switch localPunct.Replace(local) {
	case "newsletter", "news", "uutiskirje", "uutiset", "nyhetsbrev", "marketing", "markkinointi",
		"campaign", "campaigns":
		reasons = append(reasons, "sender "+p.From.Email+" → bulk")
	}
	return reasons
}
