package inbox

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The languages a request is answered in: letters and access reports go out
// in the requester's language.
const (
	LangFinnish = "fi"
	LangSwedish = "sv"
	LangEnglish = "en"
)

// Language decides whether the writer of a mail writes Finnish, Swedish or
// English, and returns "fi", "sv" or "en". p is the mail as the classifier
// judges it: for a request a colleague forwarded, the original's subject and
// text (see NewMail).
//
// It counts the distinctive function words, greetings, sign-offs and word
// endings of each language (langWords, langEndings) in the subject and the
// writer's own words, the text splitQuoted keeps apart from quoted and
// forwarded text. If they give no clear winner, forwarded text counts too;
// if still none, the Content-Language header decides, and failing that
// Finnish, the company's main language. Quoted text never counts: it is
// mostly our own earlier answer.
//
// A text in two languages, such as a notice with its translation under
// it, is taken to be in the language of its first part: a paragraph clear
// in one language followed by one clear in another, the first language
// holding at least a third of the other's evidence.
func Language(p Parsed) string { return language(p, splitText(p)) }

// language is Language with p's text already split by splitText.
func language(p Parsed, sp textSplit) string {
	var sc langScore
	own, fwd := sp.own, sp.forwarded
	sc.add(p.Subject)
	sc.add(own)
	sc.paragraphEnd()
	if lang, ok := sc.decide(); ok {
		return lang
	}
	if f := p.Forward; f != nil && fwd == "" && f.Text != p.Text {
		sc.add(f.Subject)
		fwd = f.Text
	}
	sc.add(fwd)
	sc.paragraphEnd()
	if lang, ok := sc.decide(); ok {
		return lang
	}
	if lang := contentLanguage(headerValue(p, "Content-Language")); lang != "" {
		return lang
	}
	return LangFinnish
}

// The indices of a langCounts.
const (
	fiIdx = iota
	svIdx
	enIdx
)

var langNames = [3]string{LangFinnish, LangSwedish, LangEnglish}

// langCounts is the evidence for each language, in half points.
type langCounts [3]int

// best returns the language with the most evidence, and its lead over the
// next.
func (c *langCounts) best() (lang, lead int) {
	lang, second := fiIdx, svIdx
	if c[second] > c[lang] {
		lang, second = second, lang
	}
	if c[enIdx] > c[lang] {
		lang, second = enIdx, lang
	} else if c[enIdx] > c[second] {
		second = enIdx
	}
	return lang, c[lang] - c[second]
}

// clear returns the language with a clear lead: at least one point, one
// point ahead of the next and half as much again.
func (c *langCounts) clear() (int, bool) {
	lang, lead := c.best()
	b := c[lang]
	return lang, b >= 2 && lead >= 2 && 2*b >= 3*(b-lead)
}

// langScore is the evidence of a text: in all, and in the block of
// paragraphs read since the last one clearly in one language.
type langScore struct {
	n, block langCounts
	first    int   // the language of the first clear block, if seen is not 0
	seen     uint8 // the languages blocks were clearly in, a bit each
}

// decisive is a lead, in half points, past which reading on cannot change
// the answer in practice; a long mail is not read to its end.
const decisive = 40

// blockLead is the lead, in half points, that makes a block clearly in one
// language.
const blockLead = 6

// score adds w half points to lang.
func (s *langScore) score(lang int8, w int) {
	s.n[lang] += w
	s.block[lang] += w
}

// paragraphEnd closes the block if it is clearly in one language.
func (s *langScore) paragraphEnd() {
	lang, ok := s.block.clear()
	if _, lead := s.block.best(); !ok || lead < blockLead {
		return
	}
	if s.seen == 0 {
		s.first = lang
	}
	s.seen |= 1 << lang
	s.block = langCounts{}
}

// decide returns the language of the text read so far, if it is clear.
func (s *langScore) decide() (string, bool) {
	best, ok := s.n.clear()
	if s.seen != 0 && s.seen != 1<<s.first && 3*s.n[s.first] >= s.n[best] {
		return langNames[s.first], true // bilingual: the first language
	}
	if ok {
		return langNames[best], true
	}
	if s.seen != 0 {
		return langNames[s.first], true
	}
	return "", false
}

// add scores the words of text. Addresses and links are skipped: their
// parts ("se" in anna@example.se) are no words of the writer's.
func (s *langScore) add(text string) {
	if len(text) > maxAnalysed {
		text = text[:maxAnalysed]
	}
	var buf [maxWord]byte
	for i := 0; i < len(text); {
		lines := 0
		for i < len(text) && isSpaceByte(text[i]) {
			if text[i] == '\n' {
				lines++
			}
			i++
		}
		if lines >= 2 {
			s.paragraphEnd()
		}
		j := i
		for j < len(text) && !isSpaceByte(text[j]) {
			j++
		}
		chunk := text[i:j]
		i = j
		if chunk == "" || strings.IndexByte(chunk, '@') >= 0 || strings.Contains(chunk, "://") ||
			len(chunk) > 4 && strings.EqualFold(chunk[:4], "www.") {
			continue
		}
		s.chunk(chunk, &buf)
		if _, lead := s.n.best(); lead >= decisive {
			return
		}
	}
}

// chunk scores the words in one run of text between spaces. A word is a run
// of letters, with apostrophes inside it ("don't", "I'm"), lower-cased into
// buf; longer words are scored by their endings only. A character the
// decoder could not read (usually an ä) counts as a letter, so that it does
// not cut "minä" into the Swedish "min".
func (s *langScore) chunk(chunk string, buf *[maxWord]byte) {
	for k := 0; k < len(chunk); {
		n, runes := 0, 0
		upper, aring, long := false, false, false
		for k < len(chunk) {
			c := chunk[k]
			var r rune
			size := 1
			switch {
			case c >= 'a' && c <= 'z':
				r = rune(c)
			case c >= 'A' && c <= 'Z':
				r = rune(c + 'a' - 'A')
				upper = upper || runes == 0
			case c == '\'' || c == 0xe2 && strings.HasPrefix(chunk[k:], "’"):
				if c != '\'' {
					size = len("’")
				}
				// Inside a word only: "don't", not 'quoted'.
				if runes == 0 || k+size >= len(chunk) || !startsLetter(chunk[k+size:]) {
					r = -1
				} else {
					r = '\''
				}
			case c < utf8.RuneSelf:
				r = -1
			default:
				r, size = utf8.DecodeRuneInString(chunk[k:])
				if !unicode.IsLetter(r) && r != utf8.RuneError {
					r = -1
					break
				}
				if unicode.IsUpper(r) {
					upper = upper || runes == 0
					r = unicode.ToLower(r)
				}
				aring = aring || r == 'å'
			}
			if r < 0 {
				k += size
				if runes > 0 {
					break
				}
				continue
			}
			k += size
			runes++
			if n+utf8.RuneLen(r) > len(buf) {
				long = true
				continue
			}
			n += utf8.EncodeRune(buf[n:], r)
		}
		if runes == 0 {
			continue
		}
		w := buf[:n]
		if aring {
			s.score(svIdx, 1)
		}
		if !long {
			if hit, ok := langWords[string(w)]; ok {
				s.score(hit.lang, int(hit.w))
				continue
			}
			if runes == 1 && w[0] == 'i' && upper {
				s.score(enIdx, 2) // "I", not Swedish "i" (in)
				continue
			}
		}
		if runes >= 5 {
			s.ending(w)
		}
	}
}

// startsLetter reports whether s starts with a letter.
func startsLetter(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r)
}

// ending scores a word of five letters or more by its ending.
func (s *langScore) ending(w []byte) {
	for _, e := range langEndings[w[len(w)-1]] {
		if len(w) >= len(e.suffix)+e.stem && string(w[len(w)-len(e.suffix):]) == e.suffix {
			if e.not == "" || !strings.HasSuffix(string(w), e.not) {
				s.score(e.lang, 1)
			}
			return
		}
	}
}

// contentLanguage returns the first of fi, sv and en that a Content-Language
// header names ("sv-FI", "en-GB, fi"), or "".
func contentLanguage(h string) string {
	for _, tag := range strings.Split(h, ",") {
		tag = strings.ToLower(strings.TrimSpace(tag))
		if i := strings.IndexAny(tag, "-_;"); i >= 0 {
			tag = tag[:i]
		}
		switch tag {
		case LangFinnish, LangSwedish, LangEnglish:
			return tag
		}
	}
	return ""
}

// langHit is what a word says: its language and weight in half points.
type langHit struct {
	lang int8
	w    int8
}

// langWordLists are the words that mark each language, lower-case, with
// their weight in half points. A word common to two languages is left out
// ("en", "for" without its ö, "information") or weighs half ("on", "me",
// "se"). Finnish and Swedish words are listed also as written without ä, ö
// and å, as on a phone or a foreign keyboard.
var langWordLists = []struct {
	lang  int8
	w     int8
	words string
}{
	{fiIdx, 2, `ja ei että etta olen olla ole ollut oli olisi olisin olemme olette ovat
		minun minua minulle minusta minulla minulta minut mun mä mulle multa multa mua
		teidän teidan teille teiltä teilta teillä teilla teitä teita te tämä tama tämän taman tätä tata
		tai mutta kun jos myös myos nyt kiitos kiitoksia ystävällisin ystavallisin terveisin terv
		hei moi moikka hyvä hyva haluan haluaisin haluisin pyydän pyydan pyytäisin pyytaisin
		voitteko voisitteko voisitte tietoni tietojani tietoja tiedot tietojen henkilötiedot henkilotiedot
		henkilötietoni henkilotietoni henkilötietojani henkilotietojani koskevat koskien mukaan sekä seka
		eli kaikki mitä mita mikä mika miten kuinka koska vielä viela enää enaa niin vain siis joka jotka
		oon ois kanssa asiakas asiakkaana asiakkaanne yrityksenne kiitollinen tarvitsen saanut
		poistakaa poista lopettakaa`},
	{fiIdx, 1, `on se jo`},
	{svIdx, 2, `och att jag är inte det den detta denna som på av med till mig mej dig dej mina mitt min
		ni er ert era har hade vill skulle kan ska kunde om eller hej hejsan tack vänliga vänlig
		hälsningar halsningar hälsning halsning mvh bästa basta från fran för även aven också ocksa
		någon nagon några nagra något nagot uppgifter personuppgifter vår våra var vi dem oss sig sina
		här när då så än sedan genom hos mot utan alla samt enligt därför eftersom vad hur varför
		vilka vilken bara redan inga ingen inget dock angående angaende gällande gallande tacksam
		bifogar bifogad bifogat registerutdrag kund avregistrera radera`},
	{svIdx, 1, `ar pa de sin sa vanliga`},
	{enIdx, 2, `the and you your yours to of is are was were be been being have has had that this these those
		with please would could should will can't cannot don't doesn't didn't won't i'm i've i'd i'll
		it's it its my mine myself regards thanks thank dear hi hello from any not do does did
		what which who whom about regarding kind best sincerely personal request requested requesting
		delete deletion account if or an as at by we our us they their them there here when where how
		why also just get send receive company customer email again like want know need since because
		than then out up now been yes unsubscribe remove`},
	{enIdx, 1, `me in for no so data all`},
}

// langWords maps a word to its language and weight.
var langWords = func() map[string]langHit {
	m := map[string]langHit{}
	for _, l := range langWordLists {
		for _, w := range strings.Fields(l.words) {
			m[w] = langHit{l.lang, l.w}
		}
	}
	return m
}()

// langEnding is a word ending that marks a language, in words with at
// least stem letters before it, unless the word ends in not.
type langEnding struct {
	suffix string
	stem   int
	lang   int8
	not    string
}

// langEndings are the endings of each language, by their last byte, longest
// first. Finnish: possessive -ni, -nne, -mme; cases -ssa, -stä, -lla, -ltä,
// -ksi; the imperative -kaa, the long vowels of -aa, -ään, -iin; the
// conditional -isin. Swedish: plural and definite -arna, -erna, -ningar,
// -ningen; -ligt, -het, -ande. English: -ing (not -ning, also Swedish), -ly,
// -ed, -ness, -ies.
var langEndings = func() [256][]langEnding {
	var t [256][]langEnding
	for _, e := range []langEnding{
		{"ningar", 3, svIdx, ""}, {"ningen", 3, svIdx, ""}, {"heten", 2, svIdx, ""}, {"heter", 2, svIdx, ""},
		{"arna", 2, svIdx, ""}, {"erna", 2, svIdx, ""}, {"orna", 2, svIdx, ""}, {"ligt", 2, svIdx, ""},
		{"liga", 2, svIdx, ""}, {"ande", 3, svIdx, ""}, {"ende", 3, svIdx, ""}, {"skap", 2, svIdx, ""},
		{"igt", 3, svIdx, ""}, {"ade", 4, svIdx, ""},
		{"isin", 2, fiIdx, ""}, {"nne", 2, fiIdx, ""}, {"mme", 2, fiIdx, ""}, {"tte", 3, fiIdx, ""},
		{"ään", 2, fiIdx, ""}, {"aan", 2, fiIdx, ""}, {"iin", 3, fiIdx, ""}, {"ssa", 3, fiIdx, ""},
		{"ssä", 3, fiIdx, ""}, {"stä", 2, fiIdx, ""}, {"llä", 3, fiIdx, ""}, {"ltä", 3, fiIdx, ""},
		{"lla", 3, fiIdx, ""}, {"lta", 3, fiIdx, ""}, {"ksi", 3, fiIdx, ""}, {"ni", 3, fiIdx, ""},
		{"aa", 3, fiIdx, ""}, {"ä", 4, fiIdx, ""}, {"iö", 3, fiIdx, ""}, {"lö", 3, fiIdx, ""}, {"ko", 4, fiIdx, ""},
		{"ness", 2, enIdx, ""}, {"ing", 3, enIdx, "ning"}, {"ies", 2, enIdx, ""}, {"ous", 2, enIdx, ""},
		{"ity", 2, enIdx, ""}, {"ght", 2, enIdx, ""}, {"ly", 3, enIdx, ""}, {"ed", 3, enIdx, ""},
	} {
		last := e.suffix[len(e.suffix)-1]
		t[last] = append(t[last], e)
	}
	return t
}()
