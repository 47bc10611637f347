package inbox

import (
	"slices"
	"strings"
)

// cueWindow is how many words on either side of a kind word its ask and
// object may stand, within the sentence.
const cueWindow = 10

// reach bounds every other look along a sentence (a condition's reach, a
// footer's words, a list's lead-in), so that one endless sentence costs no
// more than many short ones.
const reach = 40

// evidenceItem is one piece of evidence for a kind.
type evidenceItem struct {
	kind  int // index into Kinds; -1 for a request of no stated kind
	level int // 1 weak, 2 medium (no explicit ask), 3 strong
	seg   *textSegment
	cue   int    // the token the rule started from
	at    [4]int // tokens to quote; -1 where unused
	note  string
	// listRemoval marks an objection read from "remove me from your
	// mailing list", which is part of an erasure when the mail asks for one.
	listRemoval bool
}

func (it evidenceItem) reason() string {
	where := "text"
	switch it.seg.source {
	case srcSubject:
		where = "subject"
	case srcReplySubject:
		where = "reply subject"
	case srcForwarded:
		where = "forwarded text"
	case srcQuoted:
		where = "quoted text"
	}
	what := "request of no stated kind"
	if it.kind >= 0 {
		what = string(Kinds[it.kind])
	}
	r := where + " " + quoteReason(it.seg.quote(it.at[:]...)) + " → " + what
	if it.note != "" {
		r += " (" + it.note + ")"
	}
	return r
}

// textEvaluator applies the rules to segments and collects evidence.
type textEvaluator struct {
	items   []evidenceItem
	bulk    []string // newsletter footers found while evaluating
	short   bool     // the writer wrote only a few words: a bare "Unsubscribe" is an ask
	company bool     // the mail speaks of a company's own data ("our new address", "olemme muuttaneet")
	checks  []string // why an Other should still be looked at: words that looked like a request but were not
}

// check notes once why an Other deserves a look.
func (e *textEvaluator) check(c cueCtx, what string, at ...int) {
	if c.s.source != srcOwn && c.s.source != srcSubject {
		return
	}
	r := "text " + quoteReason(c.s.quote(append(at, c.i)...)) + " → " + what
	if !slices.Contains(e.checks, r) && len(e.checks) < 3 {
		e.checks = append(e.checks, r)
	}
}

// cueCtx is a kind word and the stretch of its sentence its support may
// come from.
type cueCtx struct {
	s      *textSegment
	i      int
	lo, hi int
}

func (s *textSegment) cue(i int) cueCtx {
	se := s.sents[s.toks[i].sent]
	return cueCtx{s: s, i: i, lo: max(se.first, i-cueWindow), hi: min(se.last, i+cueWindow)}
}

// nearest returns the token in [lo, hi], clipped to the window, nearest to
// the cue for which ok holds, or -1.
func (c cueCtx) nearest(lo, hi int, ok func(k int) bool) int {
	lo, hi = max(lo, c.lo), min(hi, c.hi)
	for d := 0; c.i-d >= lo || c.i+d <= hi; d++ {
		if k := c.i - d; k >= lo && k <= hi && ok(k) {
			return k
		}
		if k := c.i + d; d > 0 && k >= lo && k <= hi && ok(k) {
			return k
		}
	}
	return -1
}

// find returns the token in [lo, hi] nearest to the cue that has any of f.
func (c cueCtx) find(f lexFeature, lo, hi int) int {
	return c.nearest(lo, hi, func(k int) bool { return c.s.toks[k].feat&f != 0 })
}

// near returns the token in the window nearest to the cue that has any of f.
func (c cueCtx) near(f lexFeature) int { return c.find(f, c.lo, c.hi) }

// sentHas reports whether the cue's sentence has a token with any of f,
// within reach of the cue.
func (c cueCtx) sentHas(f lexFeature) bool { return c.s.sentHas(c.i, f) }

// ask returns the token that carries the writer's ask near the cue: a word
// of asking, or an imperative opening a clause; for a list item, from the
// sentence introducing the list. It returns -1 when there is none.
func (c cueCtx) ask() int {
	s := c.s
	isAsk := func(k int) bool {
		f := s.toks[k].feat
		return f&fAsk != 0 || f&fImp != 0 && s.opensClause(k)
	}
	// A word of asking first ("please delete", "please stop … and
	// erase"), then the cue as an imperative, then any imperative.
	if k := c.nearest(c.lo, c.hi, func(k int) bool { return s.toks[k].feat&fAsk != 0 }); k >= 0 {
		return k
	}
	if isAsk(c.i) {
		return c.i
	}
	if k := c.nearest(c.lo, c.hi, isAsk); k >= 0 {
		return k
	}
	if lead := s.sents[s.toks[c.i].sent].lead; lead >= 0 {
		se := s.sents[lead]
		for k := max(se.first, se.last-reach); k <= se.last; k++ {
			if isAsk(k) {
				return k
			}
		}
	}
	return -1
}

// opensClause reports whether token k starts its sentence or clause, but for
// greetings, conjunctions and words of asking before it.
func (s *textSegment) opensClause(k int) bool {
	first := max(s.sents[s.toks[k].sent].first, k-cueWindow)
	for j := k; j > first; j-- {
		if s.toks[j].punct {
			return true
		}
		if s.toks[j-1].feat&(fGreeting|fConj|fAsk) == 0 {
			return false
		}
	}
	return true
}

// negated reports whether a negation stands at most four words before token
// i, or "stop" just before it ("stop sending"), with no comma or
// conjunction between.
func (s *textSegment) negated(i int) bool {
	first := s.sents[s.toks[i].sent].first
	for k := i - 1; k >= max(first, i-4); k-- {
		if s.toks[k+1].punct || s.toks[k].feat&fConj != 0 {
			return false
		}
		if f := s.toks[k].feat; f&fNeg != 0 || f&fStop != 0 && k >= i-2 {
			return true
		}
	}
	return false
}

// ownReport reports whether the cue at i tells of something the writer or
// their company has done ("I have deleted them", "we deleted the test
// files", "poistin ne", "olemme selvittäneet", "jag har raderat dem"): a
// report, not an ask.
func (s *textSegment) ownReport(i int) bool {
	w := s.toks[i].w
	if !s.swedish && finnishFirstPast(w) {
		return true
	}
	if !pastForm(w) {
		return false
	}
	first := s.sents[s.toks[i].sent].first
	for k := i - 1; k >= max(first, i-4); k-- {
		if s.toks[k+1].punct {
			return false
		}
		switch w := s.toks[k].w; w {
		case "i", "we", "jag", "vi", "olen", "olemme", "olin", "olimme", "mina":
			return true
		case "me":
			return s.finnish
		case "have", "had", "ve", "d", "already", "just", "now", "also", "all", "har", "hade", "redan",
			"nu", "ocksa", "aven", "jo", "juuri", "nyt", "myos", "itse", "sjalv", "myself", "ourselves":
		default:
			return false
		}
	}
	return false
}

// pastErasure reports whether the erasure word at the cue is a past tense or
// perfect form ("deleted", "have removed", "poistin", "olen poistanut",
// "on poistettu", "raderade", "har raderat") in a statement: a report of
// what was done, not an ask. The passive infinitive ("should be deleted"),
// a question ("have you deleted my data?") and what the reader did ("you
// deleted my account") are not reports by the writer.
func (c cueCtx) pastErasure() bool {
	s := c.s
	w := s.toks[c.i].w
	if !pastForm(w) && !(finnishFirstPast(w) && !s.swedish) && !strings.HasSuffix(w, "ttiin") {
		return false
	}
	if s.sents[s.toks[c.i].sent].question {
		return false
	}
	first := s.sents[s.toks[c.i].sent].first
	for k := c.i - 1; k >= max(first, c.i-6); k-- {
		switch s.toks[k].w {
		case "be", "get", "bli", "tulla":
			return k < c.i-2 // "should be deleted", "must get removed"
		case "you", "ni", "te", "du", "olette", "ette", "sina":
			return false // "you deleted my account": the reader's doing
		}
		if s.toks[k+1].punct {
			break
		}
	}
	return true
}

// finnishFirstPast reports whether w is a Finnish verb in the first person
// past: "poistin", "poistimme", "tarkistin" (not the conditional
// "poistaisin").
func finnishFirstPast(w string) bool {
	switch {
	case len(w) >= 7 && strings.HasSuffix(w, "imme"):
		return !strings.HasSuffix(w, "isimme")
	case len(w) >= 6 && strings.HasSuffix(w, "in"):
		// Not "poistaisin" (I would), "poistettaisiin" or "poistettiin"
		// (passive), nor English "obtain", "explain".
		return !strings.HasSuffix(w, "isin") && !strings.HasSuffix(w, "iin") && !strings.HasSuffix(w, "ain")
	}
	return false
}

// pastForm reports whether w looks like a past tense or participle:
// "deleted", "sent", "raderat", "raderade", "poistanut", "selvittäneet".
func pastForm(w string) bool {
	switch w {
	case "sent", "gave", "given", "told", "done", "seen", "saw", "taken", "took", "tog", "tagit", "gav", "gett":
		return true
	}
	if len(w) < 5 {
		return false
	}
	for _, suf := range []string{"ed", "ade", "at", "it", "nut", "nyt", "neet", "ttu", "tty"} {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

// confirmsAction reports whether an access word asks to confirm or be told
// of another action on the data ("please confirm that you have deleted my
// data", "vahvistakaa tietojeni poisto", "let me know when my data has been
// deleted"): that is part of the action, not access. The action stands
// between the word and its object k, or just after the object.
func (c cueCtx) confirmsAction(k int) bool {
	const action = fErase | fCorrect | fRestrict | fObject | fWithdraw | fForbid | fOptOut | fTransfer | fDest
	s := c.s
	end := c.hi
	if k > c.i {
		end = min(c.hi, k+int(s.toks[k].span)+2) // "my personal details have been erased"
	}
	for j := c.i + 1; j <= end; j++ {
		t := &s.toks[j]
		if k > c.i && j > k && (t.punct || t.feat&fConj != 0) || k <= c.i && t.feat&fConj != 0 {
			return false // "tietojeni tarkastus ja poisto": two asks
		}
		switch {
		case t.feat&(fCopy|fSource) != 0, t.feat&fWhat != 0 && !yesNo(t.w):
			return false // "tell me what data you hold … and delete it"
		case t.feat&action != 0:
			return true
		}
	}
	return false
}

// yesNo reports whether a question word asks only whether: "whether",
// "onko", "huruvida", "om".
func yesNo(w string) bool {
	return w == "whether" || w == "onko" || w == "huruvida" || w == "om"
}

// nonDataObject returns a word near an erasure cue naming a thing sent
// rather than personal data: an attachment, a document, a copy, an invoice
// ("please delete the attachment I sent by mistake"), or -1. A word that
// only qualifies a datum ("email address") does not count.
func (c cueCtx) nonDataObject() int {
	s := c.s
	const data = fData | fPersonal | fField | fAccount
	return c.nearest(c.i-3, c.hi, func(k int) bool {
		f := s.toks[k].feat
		if f&(fMailObj|fDoc|fBusiness|fCopy) == 0 || f&data != 0 {
			return false
		}
		return k+1 >= len(s.toks) || s.toks[k+1].sent != s.toks[k].sent || s.toks[k+1].punct ||
			s.toks[k+1].feat&data == 0
	})
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// aroundHas reports whether the cue's sentence or the one before has a word
// with any of f, within reach of the cue.
func (c cueCtx) aroundHas(f lexFeature) bool {
	s := c.s
	sent := s.toks[c.i].sent
	for k := max(s.sents[max(0, sent-1)].first, c.i-reach); k <= min(s.sents[sent].last, c.i+reach); k++ {
		if s.toks[k].feat&f != 0 {
			return true
		}
	}
	return false
}

// hedged reports whether token i stands in the reach of a condition ("if",
// "jos", "ifall"), which ends at a comma or a word of asking, or of a
// reminder ("I remind you of my rights", "please note"), which lasts to the
// end of the sentence.
func (s *textSegment) hedged(i int) bool {
	first := max(s.sents[s.toks[i].sent].first, i-reach)
	inReach := true
	for k := i; k >= first; k-- {
		f := s.toks[k].feat
		if f&fMention != 0 || f&fHedge != 0 && inReach {
			return true
		}
		if f&fAsk != 0 || s.toks[k].punct {
			inReach = false
		}
	}
	return false
}

// object returns the strongest object with any of the features in mask near
// the cue, and its strength: 2 when it is the writer's (tietoni, my data,
// personal data, data about me), 1 for a bare data word, 0 for none or the
// reader's own ("your data"). A customer-service word nearby takes a bare
// data word's strength away ("send the order details").
func (c cueCtx) object(mask lexFeature) (int, int) {
	return c.objectIn(mask, c.lo, c.hi, true)
}

// objectIn is object over [lo, hi]; unless personal is set, a word such as
// "personal data" counts as the writer's only when owned by them. With a
// data word in mask, "everything" about the writer counts as their data
// ("skicka allt ni har om mig", "kaikki mitä teillä on minusta"). A
// business word never takes the strength of the writer's own data away.
func (c cueCtx) objectIn(mask lexFeature, lo, hi int, personal bool) (int, int) {
	return c.objectSkip(mask, 0, lo, hi, personal)
}

// objectExcept is object, but words with any of skip are not objects: the
// list in "poistakaa tietoni markkinointirekisteristä" is where from.
func (c cueCtx) objectExcept(mask, skip lexFeature) (int, int) {
	return c.objectSkip(mask, skip, c.lo, c.hi, true)
}

func (c cueCtx) objectSkip(mask, skip lexFeature, lo, hi int, personal bool) (int, int) {
	s := c.s
	me := c.me()
	business := c.near(fBusiness) >= 0
	best, at, all := 0, -1, -1
	c.nearest(lo, hi, func(k int) bool {
		t := &s.toks[k]
		if t.feat&mask == 0 || t.feat&skip != 0 {
			if t.feat&fAll != 0 && mask&fData != 0 && me >= 0 && all < 0 {
				all = k
			}
			return false
		}
		st := 1
		switch {
		case t.poss == 2 && t.feat&fAccount != 0: // "rekisteristänne": the company's register
		case t.poss == 2:
			st = 0
		case t.poss == 4 && business: // "päivittäkää laskutusosoitteemme": a customer-service matter
			st = 0
		case t.poss == 4: // "asiakastietoihimme": the company's own
		case t.poss == 1, personal && t.feat&fPersonal != 0, me >= 0:
			st = 2
		case t.poss == 3: // "hänen tietojensa": on someone's behalf
		case business:
			st = 0
		}
		if st > best {
			best, at = st, k
		}
		return false
	})
	if best < 2 && all >= 0 {
		return all, 2
	}
	return at, best
}

// me returns the word in the window that makes the writer the data's
// subject ("about me", "minusta", "om mig"), or -1: "send me" and "tell me"
// name a recipient.
func (c cueCtx) me() int {
	s := c.s
	return c.nearest(c.lo, c.hi, func(k int) bool {
		return s.toks[k].feat&fMe != 0 && (k == 0 || s.toks[k-1].feat&(fSend|fTell) == 0)
	})
}

// pronounObject returns a pronoun just after the cue ("poistakaa ne",
// "delete it", "rätta den") when its sentence or the one before names data
// of the writer's, or -1. A datum of an order or delivery ("the delivery
// address", "leveransadressen", "toimitusosoite") is no such data unless
// the writer calls it theirs.
func (c cueCtx) pronounObject() int {
	p := c.find(fPronoun, c.i+1, c.i+3)
	if p < 0 {
		return -1
	}
	s := c.s
	sent := s.toks[c.i].sent
	for k := max(s.sents[max(0, sent-1)].first, c.i-reach); k <= min(s.sents[sent].last, c.i+reach); k++ {
		t := &s.toks[k]
		if t.feat&(fData|fPersonal|fField|fAccount) == 0 || t.poss == 2 {
			continue
		}
		if t.poss != 1 && (t.feat&fBusiness != 0 || k > 0 && s.toks[k-1].feat&fBusiness != 0 ||
			s.sentHas(k, fBusiness)) {
			// "leveransadressen för min beställning … kan ni ändra det?":
			// the address of a delivery, not the writer's own details.
			continue
		}
		return p
	}
	return -1
}

// grade turns an ask and an object's strength into a level: an ask with any
// object is strong; the writer's own data without an ask is medium; a bare
// data word alone is weak.
func grade(ask, st int) int {
	if ask >= 0 && st > 0 {
		return 3
	}
	return st
}

// add records evidence, weakened by a condition around the cue and by
// where the text came from.
func (e *textEvaluator) add(c cueCtx, kind, level int, note string, at ...int) {
	s := c.s
	if level > 1 && s.hedged(c.i) {
		level, note = 1, "conditional or reminder"
	}
	switch s.source {
	case srcReplySubject, srcQuoted:
		level = min(level, 1)
	case srcForwarded:
		level = min(level, 2)
	}
	if level <= 0 {
		return
	}
	if note == "" {
		switch level {
		case 1:
			note = "weak"
		case 2:
			note = "no explicit ask"
		}
	}
	it := evidenceItem{kind: kind, level: level, seg: s, cue: c.i, at: [4]int{-1, -1, -1, -1}, note: note}
	n := 0
	for _, k := range at {
		if k >= 0 && n < len(it.at) {
			it.at[n] = k
			n++
		}
	}
	if n == 0 {
		it.at[0] = c.i
	} else if n < len(it.at) && !slices.Contains(it.at[:n], c.i) {
		it.at[n] = c.i
	}
	e.items = append(e.items, it)
}

// footer reports whether the cue's sentence reads like a newsletter's
// footer ("click here to unsubscribe", "voit perua tilauksen linkistä"):
// words of its context and nothing in the first person. It notes the
// footer as bulk evidence.
func (e *textEvaluator) footer(c cueCtx) bool {
	if !c.sentHas(fFooterCtx) || c.sentHas(fFirst|fMe|fMy) {
		return false
	}
	if src := c.s.source; src == srcOwn || src == srcSubject {
		e.bulk = append(e.bulk, "text "+quoteReason(c.s.quote(c.i))+" in a newsletter footer → bulk")
	}
	return true
}

// evaluate runs every rule whose cue occurs in s.
func (e *textEvaluator) evaluate(s *textSegment) {
	for i := range s.toks {
		f := s.toks[i].feat
		if f&cueFeatures == 0 {
			continue
		}
		c := s.cue(i)
		if f&fErase != 0 {
			e.erasure(c)
		}
		if f&(fCopy|fSee|fSend|fTell) != 0 {
			e.access(c, f)
		}
		if f&fWhat != 0 {
			e.what(c)
		}
		if f&(fCorrect|fWrong|fMoved) != 0 {
			e.rectification(c, f)
		}
		if f&fRestrict != 0 {
			e.restriction(c)
		}
		if f&(fFormat|fTransfer|fDest|fFile) != 0 {
			e.portability(c, f)
		}
		if f&fOptOut != 0 {
			e.optOut(c)
		}
		if f&fStop != 0 {
			e.stop(c)
		}
		if f&fObject != 0 {
			e.objectTo(c)
		}
		if f&fWithdraw != 0 {
			e.withdraw(c)
		}
		if f&fForbid != 0 {
			e.forbid(c)
		}
		if f&(fMarketing|fCall|fMailObj) != 0 {
			e.notWanted(c)
		}
		if f&fRight != 0 {
			e.right(c)
		}
		if f&fArticle != 0 {
			e.article(c)
		}
		if f&fGenericRequest != 0 {
			e.generic(c)
		}
	}
}

// erasure: "poistakaa tietoni", "please delete my data", "radera mina
// uppgifter", "forget me", "ta bort mig". Removing the writer from a mailing
// list ("poistakaa minut postituslistalta") is an objection instead, unless
// the mail also asks to erase their data.
//
// The object must be the writer's data, account or details, or the writer
// ("remove me"): an attachment, a document or an invoice copy sent by
// mistake is tidying up, not erasure, and "poistin ne" (I deleted them)
// reports, it does not ask. The writer's data erased from a marketing list
// too ("poistakaa tietoni myös markkinointirekisteristä") is erasure alone.
func (e *textEvaluator) erasure(c cueCtx) {
	if c.s.negated(c.i) || c.s.ownReport(c.i) {
		return
	}
	ask := c.ask()
	if list := c.find(fMarketing, c.i+1, c.i+6); list >= 0 {
		if k, st := c.objectExcept(fData|fPersonal|fAccount, fMarketing); st > 0 {
			e.add(c, ixErasure, grade(ask, st), "", ask, k, list)
			return
		}
		lvl := 1
		if ask >= 0 {
			lvl = 3
		} else if c.near(fMe|fMy) >= 0 {
			lvl = 2
		}
		n := len(e.items)
		e.add(c, ixObjection, lvl, "", ask, list)
		if len(e.items) > n {
			e.items[n].listRemoval = true
		}
		return
	}
	if ask < 0 && c.pastErasure() {
		return // "deleted them after testing", "har raderat dem": a report
	}
	k, st := c.object(fData | fPersonal | fAccount | fField)
	if st == 0 {
		if m := c.find(fMe, c.i-2, c.i+3); m >= 0 {
			if list := c.find(fMarketing, c.i-6, c.i-1); list >= 0 {
				// "Objection to direct marketing - please remove me".
				e.add(c, ixObjection, grade(ask, 2), "", ask, list, m)
				return
			}
			k, st = m, 2
		} else if m := c.pronounObject(); m >= 0 {
			k, st = m, 1
		}
	}
	doc := c.nonDataObject()
	switch {
	case st == 0 && (doc >= 0 || c.aroundHas(fMistake|fDoc|fMailObj|fBusiness)),
		st == 1 && (doc >= 0 && abs(doc-c.i) < abs(k-c.i) || c.aroundHas(fMistake)),
		st == 2 && doc > c.i && doc < k && c.find(fConj, doc, k) < 0:
		// "please delete the attachment I sent by mistake", "poistakaa
		// lasku", "delete the document with my details".
		if ask >= 0 && !c.aroundHas(fBusiness) && (doc >= 0 || c.aroundHas(fMistake|fDoc|fMailObj)) {
			e.check(c, "a document to delete, not the writer's personal data", doc)
		}
		return
	case st == 0:
		// "pyydän poistoa": an ask to delete, object unsaid.
		if ask >= 0 {
			e.add(c, ixErasure, 1, "object not named", ask)
		}
		return
	}
	e.add(c, ixErasure, grade(ask, st), "", ask, k)
}

// access: "send me a copy of my data", "haluan tietää, mitä tietoja minusta
// on", "jag vill ta del av mina uppgifter", "kertokaa, mistä saitte
// osoitteeni". A copy in a machine-readable format is portability.
//
// Asking to confirm or be told of another action ("please confirm that you
// have deleted my data", "vahvistakaa poisto") is part of that action, and
// "we have checked" or "olemme selvittäneet" report rather than ask.
func (e *textEvaluator) access(c cueCtx, f lexFeature) {
	s := c.s
	if s.negated(c.i) || s.ownReport(c.i) {
		return
	}
	if f&(fSee|fTell) == 0 && c.sentHas(fFormat|fDest) {
		return // a copy to keep or move elsewhere: portability
	}
	if f&fCopy != 0 && c.find(fErase, c.i-3, c.i-1) >= 0 {
		return // "poistakaa lähettämäni kopio": a copy to delete
	}
	ask := c.ask()
	// What is to be seen, sent or copied follows the verb ("send me my
	// data", "kopio henkilökortistani") or stands just before it
	// ("tietojeni tarkastus"); data further back is another clause's
	// ("poistakaa henkilötiedot ja ilmoittakaa, kun poisto on tehty").
	k, st := c.objectIn(fData|fPersonal, c.i-2, c.hi, true)
	if f&(fSee|fTell|fSend) != 0 && c.confirmsAction(k) {
		return
	}
	onlySource := false
	if st < 2 && f&(fTell|fSee) != 0 {
		if src := c.near(fSource); src >= 0 && c.near(fBusiness) < 0 {
			// "kertokaa, mistä saitte osoitteeni", "tell me how long":
			// details of access, but alone they may be about an erasure.
			k, st, onlySource = src, 2, true
		}
	}
	lvl := 0
	switch {
	case onlySource:
		lvl = 1
	case st == 2:
		lvl = grade(ask, st)
	case f&fCopy != 0 && st == 1:
		lvl = grade(ask, st)
	case f&fCopy != 0 && ask >= 0 && c.near(fBusiness|fMailObj|fDoc) < 0 && !c.aroundHas(fMistake):
		lvl = 1
	}
	if lvl > 0 {
		e.add(c, ixAccess, lvl, "", ask, k)
	}
}

// what: "what data do you hold about me", "mitä tietoja minusta on
// tallennettu", "vilka uppgifter har ni om mig".
func (e *textEvaluator) what(c cueCtx) {
	if c.sentHas(cueFeatures &^ (fWhat | fSee | fSend | fTell | fCopy | fMarketing | fMailObj | fFile | fDest)) {
		return // "restrict … while you check which": another kind's sentence
	}
	if c.i > 0 && c.s.toks[c.i-1].feat&fAll != 0 && c.sentHas(fDest) {
		return // "lähettäkää kaikki mitä … toiseen palveluun": what to move, for portability
	}
	k, st := c.objectIn(fData|fPersonal, c.lo, c.hi, false)
	if st < 2 {
		// "What do you have on me", "vad har ni om mig": the question word
		// is the object.
		if m := c.me(); m >= 0 {
			k, st = m, 2
		}
	}
	if st < 2 {
		return // "what personal data do you collect": a question about the notice
	}
	ask := c.ask()
	e.add(c, ixAccess, grade(ask, st), "", ask, k)
}

// rectification: "korjatkaa osoitteeni", "please update my address", "min
// adress är felaktig", "I have moved, my new address is".
func (e *textEvaluator) rectification(c cueCtx, f lexFeature) {
	if f&fCorrect != 0 && f&(fWrong|fMoved) == 0 && c.s.negated(c.i) {
		return
	}
	mask := fField | fData | fPersonal
	switch {
	case f&fCorrect != 0:
		mask |= fAccount // "update your records", "päivittäkää rekisterinne"
	case f&fWrong == 0:
		mask = fField // having moved says nothing about other data
	}
	k, st := c.object(mask)
	if st == 0 && f&fCorrect != 0 {
		if m := c.pronounObject(); m >= 0 {
			k, st = m, 1 // "Sukunimeni on väärin. Korjatkaa se."
		}
	}
	ask := c.ask()
	if st < 2 && (e.company || c.companyNear()) {
		// "Päivittäkää osoite asiakastietoihimme", "our company's new
		// address": a business customer's data, not a person's.
		if k >= 0 && ask >= 0 || e.company {
			e.check(c, "a company's own data (first person plural)", k)
		}
		return
	}
	if st == 0 {
		// "Please correct.": counts only beside other evidence of a correction.
		if f&fCorrect != 0 && ask >= 0 && c.near(fBusiness|fMailObj) < 0 {
			e.add(c, ixRectification, 1, supportNote, ask)
		}
		return
	}
	e.add(c, ixRectification, grade(ask, st), "", ask, k)
}

// restriction: "rajoittakaa tietojeni käsittelyä", "restrict the processing
// of my data", "begränsa behandlingen".
func (e *textEvaluator) restriction(c cueCtx) {
	if c.s.negated(c.i) {
		return
	}
	k, st := c.object(fData | fPersonal)
	if st == 0 {
		k, st = c.pronounObject(), 1
		if k < 0 {
			st = 0
		}
	}
	if p := c.near(fProcessing); p >= 0 {
		if st == 0 {
			k = p
		}
		st = min(2, st+1)
	}
	if st == 0 {
		return
	}
	ask := c.ask()
	e.add(c, ixRestriction, grade(ask, st), "", ask, k)
}

// portability: "send my data as CSV", "koneluettavassa muodossa", "transfer
// my data to another provider", "överför mina uppgifter".
//
// The writer asks to receive their own data in a machine-readable format
// (CSV, "koneluettava", "maskinläsbart"), in a file they will take elsewhere
// ("in a file I can upload elsewhere", "tiedostona, jonka voin viedä
// toiseen palveluun"), or to have it moved to another controller. A file,
// e-mail or electronic form alone ("toivoisin tiedot sähköpostitse", "send
// it as a file") only says how to deliver an access copy. A question or statement about the
// company's transfers ("do you transfer personal data to other
// countries?", "siirretäänkö tietoja EU:n ulkopuolelle", "tietoja voidaan
// siirtää") is about the privacy notice, not portability.
func (e *textEvaluator) portability(c cueCtx, f lexFeature) {
	s := c.s
	if s.negated(c.i) || s.ownReport(c.i) {
		return
	}
	elsewhere := c.sentHas(fDest)
	if f&(fFormat|fTransfer|fDest) == 0 && !elsewhere {
		return // "tiedot sähköpostitse tiedostona": how to deliver an access copy
	}
	ask := c.ask()
	if f&fFormat != 0 || f&fFile != 0 && elsewhere {
		k, st := c.object(fData | fPersonal)
		if st == 0 {
			if v := c.near(fSend | fCopy); v >= 0 && c.near(fBusiness) < 0 {
				k, st = v, 1
			} else if f&fFile != 0 && c.near(fBusiness) < 0 {
				// "vill ha det som en fil som jag kan ta med till en annan
				// leverantör", "could I get it in a file I can upload
				// elsewhere", "see what you have on me, in a file …".
				if v := c.nearest(c.lo, c.hi, func(k int) bool {
					w := s.toks[k].w
					return s.toks[k].feat&(fSee|fPronoun|fAll|fMe) != 0 || w == "get" || w == "ha"
				}); v >= 0 {
					k, st = v, 1
				}
			}
		}
		if st == 2 || st == 1 && ask >= 0 {
			e.add(c, ixPortability, grade(ask, st), "", ask, k)
		}
		return
	}
	if c.sentHas(fAbroad) {
		return
	}
	canI := false // "can I export my data?": the writer wants to, but asks whether
	if q := c.find(fQuestion, c.lo, c.i-1); q >= 0 {
		switch s.toks[q].w {
		case "can", "voinko", "kan":
			canI = true
		}
	}
	if !canI && c.indirectQuestion() {
		return
	}
	if f&fTransfer == 0 && c.near(fTransfer|fSend|fCopy) < 0 {
		return // "to another" without anything moved
	}
	k, st := c.objectIn(fData|fPersonal, c.lo, c.hi, false)
	if st < 2 {
		return // "tietoja voidaan siirtää": not the writer's own
	}
	dest := c.i
	if f&fDest == 0 {
		dest = c.near(fDest | fFormat)
	}
	lvl := 0
	switch {
	case canI:
		lvl = 1
	case ask >= 0 && dest >= 0:
		lvl = 3
	case ask >= 0:
		lvl = 1 // "haluan siirtää tietoni": where to, unsaid
	case dest >= 0 && !s.sents[s.toks[c.i].sent].question:
		lvl = 2
	}
	if lvl > 0 {
		e.add(c, ixPortability, lvl, "", ask, k, dest)
	}
}

// indirectQuestion reports whether the cue asks or tells whether something
// happens rather than asking for it: a Finnish question form
// ("siirretäänkö", "siirrättekö"), a question word before it ("whether you
// transfer", "how do you transfer", "huruvida ni överför"), or a question
// with no ask ("do you transfer my data to other companies?").
func (c cueCtx) indirectQuestion() bool {
	s := c.s
	if w := s.toks[c.i].w; len(w) > 4 && strings.HasSuffix(w, "ko") {
		return true
	}
	if c.find(fWhat|fQuestion, c.lo, c.i-1) >= 0 {
		return true
	}
	return s.sents[s.toks[c.i].sent].question && c.ask() < 0
}

// companyNear reports whether the cue's window speaks of a company's own
// data: a word of the company or the first person plural.
func (c cueCtx) companyNear() bool {
	s := c.s
	return c.nearest(c.lo, c.hi, func(k int) bool {
		t := &s.toks[k]
		return t.feat&fWe != 0 || t.poss == 4
	}) >= 0
}

// companyData reports whether a segment speaks of a company's own data as
// its writer's: "our new address", "yrityksemme osoite", "osoitteemme",
// "we have moved", "olemme muuttaneet", "vi har flyttat".
func companyData(s *textSegment) bool {
	for i := range s.toks {
		t := &s.toks[i]
		if t.poss == 4 && t.feat&(fField|fData|fPersonal|fAccount) != 0 {
			return true
		}
		if t.feat&fMoved != 0 {
			first := s.sents[t.sent].first
			for k := i; k >= max(first, i-3); k-- {
				if s.toks[k].feat&fWe != 0 {
					return true
				}
			}
		}
	}
	return false
}

// optOut: "unsubscribe", "avregistrera mig", "opt out" — unless it is the
// newsletter's own footer.
func (e *textEvaluator) optOut(c cueCtx) {
	if c.s.negated(c.i) || e.footer(c) {
		return
	}
	ask := c.ask()
	lvl := 1
	switch {
	case ask >= 0, c.find(fMe, c.i+1, c.i+2) >= 0, e.short:
		lvl = 3
	case c.near(fMy|fMe|fFirst) >= 0:
		lvl = 2
	}
	n := len(e.items)
	e.add(c, ixObjection, lvl, "", ask, c.i)
	if len(e.items) > n && c.s.toks[c.i].feat&fErase != 0 {
		e.items[n].listRemoval = true // "take me off your list": a removal, not a ban
	}
}

// stop: "stop sending me marketing", "lopettakaa mainosten lähettäminen",
// "sluta skicka reklam", "no more newsletters".
func (e *textEvaluator) stop(c cueCtx) {
	obj := c.find(fMarketing|fMailObj|fCall, c.i, c.i+8)
	if obj < 0 && c.near(fBusiness) < 0 {
		obj = c.find(fSend, c.i+1, c.i+2) // "stop sending these", "sluta skicka"
	}
	if obj < 0 {
		obj = c.anaphoricMarketing()
	}
	if obj < 0 || e.footer(c) {
		return
	}
	ask := c.ask()
	lvl := grade(ask, 2)
	if c.s.toks[obj].feat&(fMarketing|fCall) == 0 && ask < 0 {
		lvl = 1
	}
	e.add(c, ixObjection, lvl, "", ask, obj)
}

// anaphoricMarketing returns the marketing word an anaphoric purpose
// refers to, or -1: "stop using my data for such purposes", "lopettakaa
// tietojeni käyttö tähän tarkoitukseen", "sluta använda mina uppgifter för
// detta", where one of the two sentences before names marketing, market
// research, surveys or profiling. The use must follow the cue.
func (c cueCtx) anaphoricMarketing() int {
	s := c.s
	use := c.find(fProcessing, c.i, c.i+3)
	if use < 0 {
		return -1
	}
	ref := -1
	for k := use + 1; k <= min(c.hi, use+6) && ref < 0; k++ {
		switch s.toks[k].w {
		case "tahan", "siihen", "tallaiseen", "tallaisiin", "niihin", "naihin", "tuohon":
			ref = k // Finnish illative: "tähän (tarkoitukseen)"
		case "such", "that", "this", "these", "those", "detta", "det", "dessa", "sadant", "sadana", "sana", "sant":
			switch s.toks[k-1].w {
			case "for", "to", "till", "i", "pa":
				ref = k // "for such purposes", "för detta"
			}
		}
	}
	if ref < 0 {
		return -1
	}
	sent := s.toks[c.i].sent
	if sent == 0 {
		return -1
	}
	for k := s.sents[sent].first - 1; k >= s.sents[max(0, sent-2)].first; k-- {
		if s.toks[k].feat&fMarketing != 0 {
			return k
		}
	}
	return -1
}

// objectTo: "I object to the processing of my data", "vastustan tietojeni
// käyttöä markkinointiin", "jag invänder mot".
func (e *textEvaluator) objectTo(c cueCtx) {
	if c.s.negated(c.i) {
		return
	}
	k, st := c.object(fData | fPersonal)
	if m := c.near(fMarketing | fProcessing); m >= 0 && st < 2 {
		k, st = m, 2
	}
	if st == 0 {
		return
	}
	ask := c.ask()
	e.add(c, ixObjection, grade(ask, st), "", ask, k)
}

// withdraw: "peruutan suostumukseni", "I withdraw my consent to marketing",
// "avsluta prenumerationen", "cancel my newsletter subscription".
func (e *textEvaluator) withdraw(c cueCtx) {
	if c.s.negated(c.i) {
		return
	}
	obj := c.near(fConsent | fSubscription | fMarketing)
	if obj < 0 || e.footer(c) {
		return
	}
	if c.near(fSubscription|fMarketing) < 0 {
		// "I withdraw any consent": Art. 7(3), no objection to marketing.
		e.add(c, ixObjection, 1, "consent withdrawn, no marketing named", c.ask(), obj)
		return
	}
	st := 1
	if c.s.toks[obj].poss == 1 || c.near(fMy|fFirst) >= 0 {
		st = 2
	}
	ask := c.ask()
	e.add(c, ixObjection, grade(ask, st), "", ask, obj)
}

// forbid: "kiellän suoramarkkinoinnin", "suoramarkkinointikielto", "jag
// förbjuder".
func (e *textEvaluator) forbid(c cueCtx) {
	k, st := c.object(fData | fPersonal)
	if m := c.near(fMarketing); m >= 0 {
		k, st = m, 2
	}
	if st == 0 || c.s.negated(c.i) {
		return
	}
	ask := c.ask()
	e.add(c, ixObjection, grade(ask, st), "", ask, k)
}

// notWanted: marketing or calls after a negation in the writer's voice: "en
// halua markkinointia", "älkää lähettäkö mainoksia", "jag vill inte ha
// reklam", "do not send me newsletters", "please don't call me". A
// company's "we never send marketing" is not one.
func (e *textEvaluator) notWanted(c cueCtx) {
	s := c.s
	first := s.sents[s.toks[c.i].sent].first
	neg := -1
	for k := c.i - 1; k >= max(first, c.i-cueWindow); k-- {
		if s.toks[k].feat&fConj != 0 {
			break
		}
		if s.toks[k].feat&fNeg != 0 {
			neg = k
			break
		}
	}
	if neg < 0 || e.footer(c) {
		return
	}
	verb := c.find(fAsk|fImp|fSend|fCall|fProcessing, c.lo, c.i-1)
	if a := c.find(fAsk, neg, c.i-1); a >= 0 && (verb < 0 || s.toks[verb].feat&fAsk == 0) {
		// "I do not want to take part in market research": the ask, not
		// the verb after it, is the writer's.
		verb = a
	}
	if s.toks[neg].w == "not" && neg > first && s.toks[neg-1].w == "do" && !s.toks[neg].punct {
		neg-- // "Do not pass my number to research agencies"
	}
	mailOnly := s.toks[c.i].feat&(fMarketing|fCall) == 0
	if mailOnly && verb < 0 {
		return // "en ole saanut sähköpostia" is no objection
	}
	lvl := 0
	switch w := s.toks[neg].w; {
	case verb >= 0 && s.toks[verb].feat&fAsk != 0,
		verb >= 0 && s.toks[verb].feat&fImp != 0 && s.opensClause(verb),
		verb >= 0 && s.toks[verb].feat&(fSend|fCall) != 0 && c.find(fMe|fFirst, verb+1, verb+2) >= 0,
		verb >= 0 && s.toks[verb].feat&fProcessing != 0 && c.nearest(c.lo, c.i, func(k int) bool { return s.toks[k].poss == 1 }) >= 0,
		w == "en" || w == "ala" || w == "alkaa" || w == "alko",
		// "Don't send …", "Never call …"; not "Emme lähetä …" (we don't send).
		(w == "do" || w == "don" || w == "dont" || w == "never") && s.opensClause(neg):
		lvl = 3
	case e.short:
		lvl = 2
	}
	if lvl == 0 {
		return
	}
	if s.toks[c.i].feat&fMarketing == 0 {
		lvl = min(lvl, 2) // "don't call me", "no more e-mails": probably, not surely, marketing
	}
	e.add(c, ixObjection, lvl, "", neg, verb, c.i)
}

// right: a right's or a request's own name: "tarkastusoikeus",
// "registerutdrag", "right to erasure", "DSAR". Alone it is weak; with an
// ask ("käytän tarkastusoikeuttani", "jag begär registerutdrag") strong.
func (e *textEvaluator) right(c cueCtx) {
	if c.s.negated(c.i) {
		return
	}
	ask := c.ask()
	lvl, note := 1, "right named, no ask"
	if ask >= 0 {
		lvl, note = 3, ""
	}
	for k := range Kinds {
		if c.s.toks[c.i].kinds&(1<<k) != 0 {
			e.add(c, k, lvl, note, ask, c.i)
		}
	}
}

// articleKinds maps GDPR article numbers to the kinds they grant.
var articleKinds = map[string]int{
	"15": ixAccess, "16": ixRectification, "17": ixErasure, "18": ixRestriction,
	"20": ixPortability, "21": ixObjection,
}

// article: "Art. 15", "artikla 17", "15 artiklan mukaisesti", "artikel 20".
// A list or range ("Articles 16–21", "15 ja 17 artikla") only mentions
// rights and counts for none.
func (e *textEvaluator) article(c cueCtx) {
	s := c.s
	se := s.sents[s.toks[c.i].sent]
	nums := articleNumbers(s, c.i+1, se.last, 1)
	if len(nums) == 0 {
		nums = articleNumbers(s, c.i-1, se.first, -1)
	}
	if len(nums) != 1 {
		return
	}
	kind, ok := articleKinds[s.toks[nums[0]].w]
	if !ok {
		return
	}
	ask := c.ask()
	lvl, note := 1, "article cited, no ask"
	if ask >= 0 {
		lvl, note = 3, ""
	}
	e.add(c, kind, lvl, note, ask, c.i, nums[0])
}

// articleNumbers collects the article numbers (12–22) next to an article
// word, walking from "from" towards "to" over numbers and "and", "ja",
// "och", "to", "–".
func articleNumbers(s *textSegment, from, to, step int) []int {
	var nums []int
	for k, n := from, 0; n < 8 && (step > 0 && k <= to || step < 0 && k >= to); k, n = k+step, n+1 {
		w := s.toks[k].w
		switch {
		case len(w) == 2 && w[0] >= '0' && w[0] <= '9' && w[1] >= '0' && w[1] <= '9':
			if w >= "12" && w <= "22" {
				nums = append(nums, k)
			}
		case len(w) == 1 && w[0] >= '0' && w[0] <= '9' && len(nums) > 0, // "15(1)"
			w == "and" || w == "ja" || w == "och" || w == "to" || w == "or" || w == "tai" || w == "eller" ||
				w == "till" || w == "ff" || w == "h" || w == "a" || w == "b" || w == "c":
		default:
			return nums
		}
	}
	return nums
}

// generic: "GDPR request", "tietosuojapyyntö": a request whose kind the
// words do not say.
func (e *textEvaluator) generic(c cueCtx) {
	ask := c.ask()
	lvl := 1
	if ask >= 0 {
		lvl = 2
	}
	e.add(c, -1, lvl, "kind not stated", ask, c.i)
}
