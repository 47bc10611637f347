package inbox

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"dsrdesk/inbox/mailgen"
)

// typoEntriesLinear is what annotate did before typoEntries: every entry of
// the first letter's list, tried with typoMatch.
func typoEntriesLinear(x *lexIndex, w string) []*lexEntry {
	var out []*lexEntry
	if w == "" {
		return out
	}
	for _, e := range x.typo[w[0]] {
		if typoMatch(e.toks[0], w) {
			out = append(out, e)
		}
	}
	return out
}

// lookUpReference is textSegment.lookUp as it was before the fast index:
// a map look-up for every exact word, prefix and trigram, and a scan of
// every typo entry of the word's first letter.
func lookUpReference(s *textSegment) (sv, fi, en int) {
	x := lexicon
	for i := range s.toks {
		w := s.toks[i].w
		try := func(list []*lexEntry) {
			for _, e := range list {
				if n := e.matchAt(s, i); n > 0 {
					s.apply(i, e, n)
				}
			}
		}
		try(x.exact[w])
		for n := 1; n <= 3 && n <= len(w); n++ {
			try(x.prefix[w[:n]])
		}
		for j := 0; j+3 <= len(w); j++ {
			if list := x.contains[w[j:j+3]]; list != nil {
				try(list)
			}
		}
		if s.toks[i].feat == 0 && len(w) >= 7 {
			for _, e := range typoEntriesLinear(x, w) {
				s.apply(i, e, 1)
			}
		}
		switch {
		case swedishWords[w]:
			sv++
		case finnishWords[w]:
			fi++
		case englishWords[w]:
			en++
		}
	}
	return sv, fi, en
}

// lexiconWords returns every word of the lexicon's patterns and, for the
// typo entries, their words and stems with every single edit and with
// endings: the words near which typo matching decides.
func lexiconWords() []string {
	seen := map[string]bool{}
	add := func(w string) {
		if w != "" {
			seen[w] = true
		}
	}
	for _, g := range lexiconGroups {
		for _, p := range g.pats {
			for _, w := range strings.Fields(foldString(p)) {
				for _, part := range strings.Split(w, "!") {
					add(strings.Trim(part, "*"))
				}
			}
		}
	}
	for w := range swedishWords {
		add(w)
	}
	for w := range finnishWords {
		add(w)
	}
	for w := range englishWords {
		add(w)
	}
	const letters = "aeiknorstuy9"
	for _, list := range lexicon.typo {
		for _, e := range list {
			for _, base := range []string{e.toks[0].s, e.toks[0].s + "kaa", e.toks[0].s + "s", e.toks[0].s + "mme"} {
				add(base)
				for i := range len(base) + 1 {
					if i < len(base) {
						add(base[:i] + base[i+1:]) // deletion
						for _, c := range letters {
							add(base[:i] + string(c) + base[i+1:]) // substitution
						}
					}
					if i+1 < len(base) {
						add(base[:i] + base[i+1:i+2] + base[i:i+1] + base[i+2:]) // swap
					}
					for _, c := range letters {
						add(base[:i] + string(c) + base[i:]) // insertion
					}
				}
			}
		}
	}
	words := make([]string, 0, len(seen))
	for w := range seen {
		words = append(words, w)
	}
	slices.Sort(words)
	return words
}

// TestTypoEntries checks the masked typo index against a scan of every
// entry, over the whole lexicon with typos of each of its long words.
func TestTypoEntries(t *testing.T) {
	words := lexiconWords()
	matched := 0
	for _, w := range words {
		want := typoEntriesLinear(lexicon, w)
		got := lexicon.typoEntries(w, nil)
		if !slices.Equal(got, want) {
			t.Fatalf("typoEntries(%q) finds %d entries, the linear scan %d", w, len(got), len(want))
		}
		if len(want) > 0 {
			matched++
		}
	}
	if matched < 1000 {
		t.Errorf("only %d of %d words matched a typo entry: the test words miss the lexicon", matched, len(words))
	}
	if len(lexicon.typoEntries(strings.Repeat("a", 100), nil)) != len(typoEntriesLinear(lexicon, strings.Repeat("a", 100))) {
		t.Error("a 100-byte word")
	}
}

// TestLexiconFastIndex checks that words, prefixLens and trigrams hold
// everything of exact, prefix, contains and the function-word lists.
func TestLexiconFastIndex(t *testing.T) {
	x := lexicon
	for w, list := range x.exact {
		if got := x.words[w].exact; !slices.Equal(got, list) {
			t.Errorf("words[%q] has %d entries, exact %d", w, len(got), len(list))
		}
	}
	for w, info := range x.words {
		if len(info.exact) > 0 && x.exact[w] == nil {
			t.Errorf("words[%q] has entries, exact none", w)
		}
		var want byte
		switch {
		case swedishWords[w]:
			want = 's'
		case finnishWords[w]:
			want = 'f'
		case englishWords[w]:
			want = 'e'
		}
		if info.lang != want {
			t.Errorf("words[%q].lang = %q, want %q", w, info.lang, want)
		}
	}
	for _, m := range []map[string]bool{swedishWords, finnishWords, englishWords} {
		for w := range m {
			if x.words[w].lang == 0 {
				t.Errorf("function word %q missing from words", w)
			}
		}
	}
	for k := range x.prefix {
		if x.prefixLens&(1<<len(k)) == 0 {
			t.Errorf("prefix key %q: length %d not in prefixLens", k, len(k))
		}
		if len(k) == 3 && !x.trigrams.mayHave(k) {
			t.Errorf("prefix key %q not in trigrams", k)
		}
	}
	for k := range x.contains {
		if len(k) == 3 && !x.trigrams.mayHave(k) {
			t.Errorf("contains key %q not in trigrams", k)
		}
	}
}

// lookUpTexts returns texts to tokenise: the generated mailbox's messages,
// the test messages and every lexicon word with its typos.
func lookUpTexts(t *testing.T) []string {
	var texts []string
	for m := range mailgen.Generate(150, 7) {
		p := Parse(m.Raw)
		texts = append(texts, p.Subject, p.Text)
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "*.eml"))
	corpus, _ := filepath.Glob(filepath.Join("testdata", "corpus", "*.eml"))
	for _, name := range append(files, corpus...) {
		raw, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		p := Parse(raw)
		texts = append(texts, p.Subject, p.Text)
	}
	texts = append(texts, benchmarkMail().Text, strings.Join(lexiconWords(), " "))
	return texts
}

// TestLookUpMatchesReference checks textSegment.lookUp against the map
// look-ups and linear typo scan it replaced, token by token.
func TestLookUpMatchesReference(t *testing.T) {
	checkLookUp(t, lookUpTexts(t), (*textSegment).lookUp)
}

// checkLookUp fails t where lookUp, on each of texts, marks a token or
// counts function words otherwise than lookUpReference.
func checkLookUp(t *testing.T, texts []string, lookUp func(*textSegment) (sv, fi, en int)) {
	t.Helper()
	for _, text := range texts {
		s := &textSegment{src: text}
		s.tokenize()
		ref := &textSegment{src: text, toks: slices.Clone(s.toks), sents: s.sents}
		sv, fi, en := lookUp(s)
		rsv, rfi, ren := lookUpReference(ref)
		if sv != rsv || fi != rfi || en != ren {
			t.Fatalf("function words %d/%d/%d, reference %d/%d/%d in %.80q", sv, fi, en, rsv, rfi, ren, text)
		}
		for i := range s.toks {
			if s.toks[i] != ref.toks[i] {
				t.Fatalf("token %d %q: %+v, reference %+v", i, s.toks[i].w, s.toks[i], ref.toks[i])
			}
		}
	}
}
