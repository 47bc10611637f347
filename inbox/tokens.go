package inbox

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// wordToken is one word, lower-cased and folded (ä→a, ö→o, å→a, é→e …),
// with what the lexicon found in it.
//
// The fields are ordered, and the offsets and counts are int32 (a segment
// is at most maxAnalysed bytes), to keep the token at 48 bytes: tokenize
// allocates one per few bytes of text.
type wordToken struct {
	w          string     // folded word
	feat       lexFeature // features of lexicon entries matching here
	start, end int32      // byte offsets in the segment's text
	sent       int32      // index of its sentence
	span       int32      // words covered by the longest entry matching here
	punct      bool       // a comma, colon, bracket or dash separates it from the word before
	kinds      kindSet    // the kinds a right's name (fRight) stands for
	poss       int8       // owner of a data word: 1 me, 2 you, 3 someone else, 4 us (a company), 0 unknown
}

// sentence is a run of tokens between sentence ends.
type sentence struct {
	first, last int  // token indices, inclusive
	lead        int  // for a list item, the sentence introducing the list ("Please send:"), else -1
	question    bool // ends with "?"
	closed      bool // ends with ".", "!" or "?": no heading or link label
}

// textSegment is one piece of a message, tokenised and annotated.
type textSegment struct {
	src     string
	source  textSource
	toks    []wordToken
	sents   []sentence
	swedish bool          // more Swedish than Finnish function words: "en" is an article, not "I don't"
	finnish bool          // more Finnish than Swedish or English function words: "me" is "we", not "me"
	scratch *tokenScratch // the pooled space toks and sents live in, until release
}

func newSegment(src string, source textSource) *textSegment {
	if len(src) > maxAnalysed {
		cut := maxAnalysed
		for cut > 0 && !utf8.RuneStart(src[cut]) {
			cut--
		}
		src = src[:cut]
	}
	s := &textSegment{src: src, source: source}
	s.tokenize()
	s.annotate()
	return s
}

// foldRune lower-cases r and takes the diacritics off common Latin letters,
// so that "Päivittäkää", "paivittakaa" and "PÄIVITTÄKÄÄ" are one word. A
// replacement character (a byte the decoder could not read, usually ä) is
// taken as "a".
func foldRune(r rune) rune {
	r = unicode.ToLower(r)
	if r < 0x80 {
		return r
	}
	switch r {
	case 'ä', 'å', 'à', 'á', 'â', 'ã', 'ā', 'ą', 'æ', '\uFFFD':
		return 'a'
	case 'ö', 'ø', 'ò', 'ó', 'ô', 'õ', 'ō', 'œ':
		return 'o'
	case 'é', 'è', 'ê', 'ë', 'ē', 'ę', 'ė':
		return 'e'
	case 'ü', 'ù', 'ú', 'û', 'ū':
		return 'u'
	case 'í', 'ì', 'î', 'ï':
		return 'i'
	case 'ç', 'č', 'ć':
		return 'c'
	case 'š', 'ś', 'ß':
		return 's'
	case 'ž', 'ź', 'ż':
		return 'z'
	case 'ñ', 'ń':
		return 'n'
	case 'ý', 'ÿ':
		return 'y'
	case 'ł':
		return 'l'
	case 'ř':
		return 'r'
	case 'ď':
		return 'd'
	case 'ť':
		return 't'
	}
	return r
}

// foldString folds a short string the way words are folded.
func foldString(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(foldRune(r))
	}
	return b.String()
}

// asciiFold maps an ASCII letter or digit to its folded byte (the letter in
// lower case, the digit itself) and every other ASCII byte to 0.
var asciiFold = func() (t [utf8.RuneSelf]byte) {
	for c := byte('0'); c <= '9'; c++ {
		t[c] = c
	}
	for c := byte('a'); c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = c, c
	}
	return t
}()

func isWordRune(r rune) bool {
	return r == '\uFFFD' || unicode.IsLetter(r) || unicode.IsDigit(r)
}

func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

// maxWord caps a folded word; longer runs are cut.
const maxWord = 48

// tokenize splits the text into folded words and sentences. A sentence ends
// at "!", "?", ";", a blank line, a list bullet, and at "." followed by
// white space and a capital letter or a line break (so "Art. 15" and
// "1.12.2025" do not end one). Commas, colons, brackets and free-standing
// dashes mark the next word (punct), which bounds negation and conditions.
// URLs and e-mail addresses are skipped whole.
func (s *textSegment) tokenize() {
	src := s.src
	// All folded words go into one buffer, made a string once at the end;
	// the tokens' words are slices of it. The buffer, the word offsets, the
	// tokens and the sentences are collected in pooled scratch space, which
	// the segment keeps until release.
	sc := tokenScratchPool.Get().(*tokenScratch)
	folded := slices.Grow(sc.folded[:0], len(src))
	toks := sc.toks[:0]
	spans := sc.spans[:0]
	sents := sc.sents[:0]
	var (
		punct, boundary bool
		lastSig         rune = '\n' // the last character that was not white space
		lead                 = -1   // the list lead-in for the next sentence
		lineStart            = true
	)
	for i := 0; i < len(src); {
		if lineStart {
			lineStart = false
			j := i
			for j < len(src) && (src[j] == ' ' || src[j] == '\t') {
				j++
			}
			if n := bulletLen(src[j:]); n > 0 {
				boundary = true
				if cur := len(sents) - 1; cur >= 0 {
					if lastSig == ':' {
						lead = cur
					} else if sents[cur].lead >= 0 {
						lead = sents[cur].lead
					}
				}
				lastSig = '-'
				i = j + n
				continue
			}
		}
		c := src[i]
		if c == ' ' {
			i++ // the most common byte between words: no mark, no sentence end
			continue
		}
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(src[i:])
		}
		if c < utf8.RuneSelf && asciiFold[c] != 0 || c >= utf8.RuneSelf && isWordRune(r) {
			chunkStart := i == 0 || isSpaceByte(src[i-1]) || strings.IndexByte("<([{\"'", src[i-1]) >= 0
			start := i
			wstart := len(folded)
			for i < len(src) {
				if c := src[i]; c < utf8.RuneSelf {
					// ASCII, as below without the rune calls: a letter or
					// digit is part of the word, an upper-case letter folds
					// to lower case, and only letters are tripled.
					f := asciiFold[c]
					if f == 0 {
						break
					}
					i++
					n := len(folded)
					if n-wstart >= maxWord || f >= 'a' && n-wstart >= 2 && folded[n-1] == f && folded[n-2] == f {
						continue // cut, or "poistakaaa" is "poistakaa"
					}
					folded = append(folded, f)
					continue
				}
				r, size = utf8.DecodeRuneInString(src[i:])
				if r >= 0x300 && unicode.Is(unicode.Mn, r) {
					i += size
					continue
				}
				if !isWordRune(r) {
					break
				}
				i += size
				if len(folded)-wstart >= maxWord {
					continue
				}
				f := foldRune(r)
				if n := len(folded); f < 0x80 && unicode.IsLetter(f) && n-wstart >= 2 && folded[n-1] == byte(f) && folded[n-2] == byte(f) {
					continue // "poistakaaa" is "poistakaa"
				}
				folded = utf8.AppendRune(folded, f)
			}
			if chunkStart && i < len(src) && !isSpaceByte(src[i]) {
				// A word that starts a run of non-space is skipped with the
				// run if the run is a URL or an e-mail address. The word
				// itself holds no ':', '@' or '.'; what follows it may.
				end := i
				for end < len(src) && !isSpaceByte(src[end]) {
					end++
				}
				rest := src[i:end]
				if strings.Contains(rest, "://") || strings.IndexByte(rest, '@') >= 0 ||
					(i-start == 3 && end-start > 4 && rest[0] == '.' && strings.EqualFold(src[start:i], "www")) {
					folded = folded[:wstart]
					i, punct, lastSig = end, true, 'a'
					continue
				}
			}
			if boundary || len(sents) == 0 {
				sents = append(sents, sentence{first: len(toks), lead: lead})
				lead, boundary = -1, false
			}
			cur := len(sents) - 1
			toks = append(toks, wordToken{start: int32(start), end: int32(i), sent: int32(cur), punct: punct, span: 1})
			spans = append(spans, [2]int32{int32(wstart), int32(len(folded))})
			sents[cur].last = len(toks) - 1
			punct, lastSig = false, 'a'
			continue
		}
		switch r {
		case '.':
			if sentenceEnds(src, i+size) {
				boundary = true
				if n := len(sents); n > 0 {
					sents[n-1].closed = true
				}
			}
		case '!', ';':
			boundary = true
			if n := len(sents); n > 0 && r == '!' {
				sents[n-1].closed = true
			}
		case '?':
			boundary = true
			if n := len(sents); n > 0 {
				sents[n-1].question = true
				sents[n-1].closed = true
			}
		case '\n':
			if blankLineFollows(src, i+1) {
				boundary = true
			}
			lineStart = true
		case ',', ':', '(', ')', '[', ']', '{', '}', '"', '“', '”', '„', '«', '»', '|', '•', '·', '*':
			punct = true
		case '-', '–', '—', '/':
			if r != '-' || i+size >= len(src) || isSpaceByte(src[i+size]) || (i > 0 && isSpaceByte(src[i-1])) {
				punct = true
			}
		}
		if c >= utf8.RuneSelf && !unicode.IsSpace(r) || c < utf8.RuneSelf && !isSpaceByte(c) {
			lastSig = r
		}
		i += size
	}
	words := string(folded)
	for k, sp := range spans {
		toks[k].w = words[sp[0]:sp[1]]
	}
	if toks == nil {
		toks = []wordToken{}
	}
	s.toks = toks
	if len(sents) > 0 {
		s.sents = sents
	}
	sc.folded, sc.spans, sc.toks, sc.sents = folded, spans, toks, sents
	s.scratch = sc
}

// release gives the segment's tokens and sentences back to the pool they
// came from. The segment must not be used after it; strings taken from it
// (words, quotes) stay valid.
func (s *textSegment) release() {
	sc := s.scratch
	if sc == nil {
		return
	}
	clear(sc.toks) // the pool keeps no words alive
	s.toks, s.sents, s.scratch = nil, nil, nil
	tokenScratchPool.Put(sc)
}

// tokenScratch is tokenize's working space, reused through
// tokenScratchPool: the folded words, each token's word as offsets into
// them, and the tokens and sentences, which the segment uses until release.
// The words are slices of a string copy of folded.
type tokenScratch struct {
	folded []byte
	spans  [][2]int32
	toks   []wordToken
	sents  []sentence
}

// tokenScratchPool holds *tokenScratch for tokenize.
var tokenScratchPool = sync.Pool{New: func() any { return new(tokenScratch) }}

// bulletLen returns the length of a list bullet ("- ", "* ", "• ", "1. ",
// "2) ") at the start of s, or 0.
func bulletLen(s string) int {
	for _, b := range []string{"- ", "* ", "• ", "– ", "· "} {
		if strings.HasPrefix(s, b) {
			return len(b)
		}
	}
	n := 0
	for n < len(s) && n < 3 && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	if n > 0 && n+1 < len(s) && (s[n] == '.' || s[n] == ')') && s[n+1] == ' ' {
		return n + 2
	}
	return 0
}

// sentenceEnds reports whether a full stop ending at j ends a sentence.
func sentenceEnds(src string, j int) bool {
	if j >= len(src) {
		return true
	}
	if !isSpaceByte(src[j]) {
		return false
	}
	for j < len(src) && isSpaceByte(src[j]) {
		if src[j] == '\n' {
			return true
		}
		j++
	}
	if j >= len(src) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(src[j:])
	return !unicode.IsLower(r) && !unicode.IsDigit(r)
}

// blankLineFollows reports whether only white space separates j from the
// next line break.
func blankLineFollows(src string, j int) bool {
	for ; j < len(src); j++ {
		switch src[j] {
		case '\n':
			return true
		case ' ', '\t', '\r':
		default:
			return false
		}
	}
	return true
}

// quote renders the words at the given token indices (each with the words
// its lexicon entry spans), lower-cased: words at most three apart are
// joined with what stands between them, others separated by " … ".
func (s *textSegment) quote(idx ...int) string {
	type run struct{ a, b int }
	var runs []run
	for _, i := range idx {
		if i >= 0 && i < len(s.toks) {
			runs = append(runs, run{i, min(i+int(s.toks[i].span)-1, len(s.toks)-1)})
		}
	}
	slices.SortFunc(runs, func(x, y run) int { return x.a - y.a })
	var parts []string
	for i := 0; i < len(runs); {
		a, b := runs[i].a, runs[i].b
		for i++; i < len(runs) && runs[i].a <= b+4; i++ {
			b = max(b, runs[i].b)
		}
		parts = append(parts, strings.Join(strings.Fields(strings.ToLower(s.src[s.toks[a].start:s.toks[b].end])), " "))
	}
	return strings.Join(parts, " … ")
}
