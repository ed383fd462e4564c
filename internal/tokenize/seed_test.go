package tokenize_test

import (
	"os"
	"path/filepath"
	"testing"

	"dateline/internal/reader"
	"dateline/internal/tokenize"
)

// TestSeedSentences checks the sentence boundaries of the seed story, read
// and cleaned as extract reads it, against boundaries checked by hand.
func TestSeedSentences(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(sharedDir(t), "examples", "seed", "article.txt"))
	if err != nil {
		t.Fatal(err)
	}
	d, err := reader.Text("article.txt", data, reader.Options{Published: "2021-09-24"})
	if err != nil {
		t.Fatal(err)
	}
	tokenize.Doc(d)
	want := []string{
		"New York: US Secretary of State Antony Blinken, who met with his Pakistani counterpart Shah Mahmood Qureshi and held talks with ministers of four other Security Council members, has said he believed the world was united when it came to pressure on the Taliban.",
		"Very strong unity of attitude and unity of purpose”.",
		"Blinken met Qureshi on the sidelines of the United Nations General Assembly in New York on Thursday.",
		"“I met the Pakistani Foreign Minister about our bilateral cooperation and the future of Afghanistan,” he tweeted.",
		"Earlier on Wednesday, the US Secretary of State held talks with ministers from four other veto-regional Security Council members, including China and Russia.",
		"The Taliban says it seeks “legitimacy and “support” from the international community, with Blinken saying: “The relationship it has with the international community will be defined by the actions it takes.”",
		"The US Secretary of State also reiterated her country’s priorities for the Taliban, including allowing Afghans and foreigners to leave, respecting the rights of women, girls and minorities, and not allowing Afghanistan to be re-used by extremists such as Al Qaeda.",
		"Is.",
		"The State Department said he highlighted “the importance of coordinating our diplomatic engagement” in talks with his Pakistani counterpart.",
		"Beginning his meeting with the US Secretary of State, Qureshi said, “We have to find a way to work collectively to achieve our common objective, which is peace and stability,” Dawn reported.",
		"Islamabad has called for engagement with the Taliban and stabilizing Afghan assets.",
		"However, Pakistan’s foreign minister said earlier this week that it was in no hurry to recognize the new Taliban government, which has been opposed by Western countries.",
		"The Taliban seized power in Afghanistan in mid-August.",
		"It came after US President Joe Biden withdrew his country’s troops while apparently “the time has come to end America’s longest war”.",
	}
	if len(d.Sentences) != len(want) {
		for _, s := range d.Sentences {
			t.Log(d.Str(s.Span))
		}
		t.Fatalf("%d sentences, want %d", len(d.Sentences), len(want))
	}
	for i, s := range d.Sentences {
		if got := d.Str(s.Span); got != want[i] {
			t.Errorf("sentence %d\n got %q\nwant %q", i, got, want[i])
		}
	}
	// Pakistan’s is one token of two words; the quotation marks are tokens.
	found := false
	for i := range d.Tokens {
		if d.Form(i) == "’s" && d.Tokens[i].InMWT && d.Form(i-1) == "Pakistan" {
			found = true
		}
	}
	if !found {
		t.Error("Pakistan’s is not split into Pakistan + ’s")
	}
}
