package quotes

import (
	_ "embed"
	"strings"
)

// mined holds single-word cues mined from the PolNeAR train split (word,
// count as a cue, count in the texts; precision >= 0.35).
//
//go:embed mined.txt
var mined string

// cueKind says how a cue verb takes its content.
type cueKind uint8

const (
	cueSpeech cueKind = iota // said, told, warned: content follows or precedes
	cueWeak                  // believe, think, show: content only as a clause ("that ...", "he ...")
)

type cueInfo struct {
	kind cueKind
	obj  bool // the verb takes a hearer before the content: told reporters that ...
	ing  bool // -ing form: ", saying ..." takes the subject of the main clause
	np   bool // the content is the object phrase: "criticized Machado since Monday" -> Machado
}

// Cue verbs by lemma, every form on one line (base:3sg:past:ing[:participle]).
// The list was drawn from the cues annotated in the PolNeAR train split (the
// ~150 most frequent verbal cues) and the list.
var speechVerbs = []string{
	"say:says:said:saying", "tell:tells:told:telling", "add:adds:added:adding",
	"tweet:tweets:tweeted:tweeting", "write:writes:wrote:writing:written",
	"post:posts:posted:posting", "warn:warns:warned:warning", "urge:urges:urged:urging",
	"insist:insists:insisted:insisting", "deny:denies:denied:denying",
	"note:notes:noted:noting", "report:reports:reported:reporting",
	"announce:announces:announced:announcing", "suggest:suggests:suggested:suggesting",
	"argue:argues:argued:arguing", "declare:declares:declared:declaring",
	"explain:explains:explained:explaining", "acknowledge:acknowledges:acknowledged:acknowledging",
	"claim:claims:claimed:claiming", "state:states:stated:stating",
	"recall:recalls:recalled:recalling", "respond:responds:responded:responding",
	"reply:replies:replied:replying", "predict:predicts:predicted:predicting",
	"promise:promises:promised:promising", "vow:vows:vowed:vowing",
	"pledge:pledges:pledged:pledging", "stress:stresses:stressed:stressing",
	"emphasize:emphasizes:emphasized:emphasizing", "contend:contends:contended:contending",
	"maintain:maintains:maintained:maintaining", "assert:asserts:asserted:asserting",
	"complain:complains:complained:complaining", "confirm:confirms:confirmed:confirming",
	"reveal:reveals:revealed:revealing", "admit:admits:admitted:admitting",
	"concede:concedes:conceded:conceding", "charge:charges:charged:charging",
	"accuse:accuses:accused:accusing", "allege:alleges:alleged:alleging",
	"conclude:concludes:concluded:concluding", "observe:observes:observed:observing",
	"remark:remarks:remarked:remarking", "quip:quips:quipped:quipping",
	"joke:jokes:joked:joking", "ask:asks:asked:asking", "continue:continues:continued:continuing",
	"testify:testifies:testified:testifying", "announce:announces:announced:announcing",
	"indicate:indicates:indicated:indicating", "insinuate:insinuates:insinuated:insinuating",
	"caution:cautions:cautioned:cautioning", "estimate:estimates:estimated:estimating",
	"point:points:pointed:pointing", "threaten:threatens:threatened:threatening",
	"demand:demands:demanded:demanding", "propose:proposes:proposed:proposing",
	"criticize:criticizes:criticized:criticizing", "praise:praises:praised:praising",
	"blame:blames:blamed:blaming", "describe:describes:described:describing",
	"agree:agrees:agreed:agreeing", "counter:counters:countered:countering",
	"reiterate:reiterates:reiterated:reiterating", "mention:mentions:mentioned:mentioning",
	"shout:shouts:shouted:shouting", "boast:boasts:boasted:boasting",
	"brag:brags:bragged:bragging", "lament:laments:lamented:lamenting",
	"assure:assures:assured:assuring", "inform:informs:informed:informing",
	"remind:reminds:reminded:reminding", "swear:swears:swore:swearing:sworn",
	"speculate:speculates:speculated:speculating", "forecast:forecasts:forecasted:forecasting",
	"advise:advises:advised:advising", "recommend:recommends:recommended:recommending",
	"signal:signals:signaled:signaling", "hint:hints:hinted:hinting",
	"concur:concurs:concurred:concurring", "retort:retorts:retorted:retorting",
	"scoff:scoffs:scoffed:scoffing", "snap:snaps:snapped:snapping",
	"cite:cites:cited:citing", "wonder:wonders:wondered:wondering",
	"proclaim:proclaims:proclaimed:proclaiming", "disclose:discloses:disclosed:disclosing",
	"predict:predicts:predicted:predicting", "guarantee:guarantees:guaranteed:guaranteeing",
}

var weakVerbs = []string{
	"believe:believes:believed:believing", "think:thinks:thought:thinking",
	"know:knows:knew:knowing:known", "feel:feels:felt:feeling", "hope:hopes:hoped:hoping",
	"fear:fears:feared:fearing", "expect:expects:expected:expecting",
	"show:shows:showed:showing:shown", "find:finds:found:finding",
	"worry:worries:worried:worrying", "doubt:doubts:doubted:doubting",
	"suspect:suspects:suspected:suspecting", "assume:assumes:assumed:assuming",
	"understand:understands:understood:understanding", "realize:realizes:realized:realizing",
	"figure:figures:figured:figuring", "imply:implies:implied:implying",
	"recognize:recognizes:recognized:recognizing", "acknowledge", "agree",
	"decide:decides:decided:deciding", "learn:learns:learned:learning",
	"see:sees:saw:seeing:seen", "hear:hears:heard:hearing",
	"demonstrate:demonstrates:demonstrated:demonstrating", "want:wants:wanted:wanting",
	"prove:proves:proved:proving", "imagine:imagines:imagined:imagining",
	"insist", "seem:seems:seemed:seeming", "appear:appears:appeared:appearing",
}

// objVerbs take a hearer between the cue and the content.
var objVerbs = map[string]bool{"tell": true, "inform": true, "assure": true, "remind": true,
	"warn": true, "urge": true, "ask": true, "advise": true, "accuse": true, "criticize": true,
	"praise": true, "blame": true, "describe": true, "threaten": true}

// npVerbs take a thing, not a clause, as their content.
var npVerbs = toSet("criticize", "praise", "blame", "describe", "cite", "mention", "propose", "demand", "recommend")

var cues = buildCues()

func buildCues() map[string]cueInfo {
	m := make(map[string]cueInfo, 512)
	add := func(lines []string, kind cueKind) {
		for _, l := range lines {
			forms := strings.Split(l, ":")
			obj := objVerbs[forms[0]]
			for _, f := range forms {
				if _, ok := m[f]; ok {
					continue
				}
				m[f] = cueInfo{kind: kind, obj: obj, ing: strings.HasSuffix(f, "ing"), np: npVerbs[forms[0]]}
			}
		}
	}
	add(speechVerbs, cueSpeech)
	add(weakVerbs, cueWeak)
	// forms that are far more often something else
	for _, f := range []string{"state", "states", "point", "points", "post", "note", "report", "charge",
		"charges", "claim", "claims", "counter", "estimate", "estimates", "forecast", "signal", "signals",
		"hint", "snap", "remark", "remarks", "quip", "joke", "demand", "demands", "guarantee", "fear", "fears",
		"doubt", "doubts", "hope", "hopes", "figure", "figures", "stress", "find", "finds", "finding",
		"feeling", "showing", "seeing", "understanding", "wanting", "continuing", "saying", "ask", "want", "see",
		"hear", "know", "think", "feel", "believe", "show", "learn", "seem", "appear", "mention", "cite",
		"stating", "warning", "reporting", "learning", "thinking", "posting", "posts", "reports", "notes",
		"praise", "blame", "propose", "promise", "promises", "pledge", "pledges", "vow", "vows", "threat",
		"indicate", "agree", "decide", "prove", "shown", "seen", "known", "written", "sworn", "found", "felt"} {
		// kept only as clause-taking (weak) cues
		if c, ok := m[f]; ok {
			c.kind = cueWeak
			m[f] = c
		}
	}
	m["saying"] = cueInfo{kind: cueSpeech, ing: true}
	for _, line := range strings.Split(mined, "\n") {
		w, _, _ := strings.Cut(line, " ")
		if w == "" || strings.HasPrefix(w, "#") {
			continue
		}
		if _, ok := m[w]; !ok {
			m[w] = cueInfo{kind: cueSpeech, ing: strings.HasSuffix(w, "ing"), np: true}
		}
	}
	for _, w := range lowPrecision {
		delete(m, w)
	}
	return m
}

// lowPrecision are cue forms whose quotes matched a PolNeAR train
// attribution less than 30% of the time (at least 8 predictions), with the
// stage as it stood: below F1/2, each costs more precision than it brings
// recall.
var lowPrecision = []string{"spoke", "continues", "continue", "signed", "states", "backed", "backing",
	"identified", "considered", "state", "embraced", "addressed", "favored", "offering", "knew", "attempted",
	"avoided", "maintains", "add", "recall", "felt", "mentions", "viewed", "approved"}

// stopBack ends a speaker phrase read backwards from a cue.
var stopWords = toSet("that", "who", "whom", "which", "whose", "when", "while", "as", "because", "if", "than",
	"with", "to", "from", "in", "on", "at", "by", "after", "before", "since", "into", "about", "over",
	"under", "during", "but", "or", "nor", "so", "yet", "also", "has", "have", "had", "is", "are", "was",
	"were", "be", "been", "being", "will", "would", "could", "should", "may", "might", "can", "must", "do",
	"does", "did", "not", "n't", "never", "what", "where", "how", "why", "whether", "then", "there", "here",
	"it's", "he's", "she's", "this", "these", "those", "against", "through", "like", "unlike", "without",
	"within", "upon", "until", "although", "though", "unless", "once", "whereas", "and", "even", "just",
	"only", "already", "still", "ever", "now", "today", "yesterday", "tonight", "later", "earlier")

// skipBack are words between a speaker and its cue: auxiliaries and adverbs.
var skipBack = toSet("has", "have", "had", "also", "would", "will", "could", "may", "might", "should",
	"did", "does", "do", "once", "again", "then", "now", "later", "earlier", "previously", "recently",
	"reportedly", "repeatedly", "publicly", "privately", "already", "just", "first", "still", "even",
	"often", "always", "never", "ultimately", "finally", "initially", "further", "long", "quickly",
	"yesterday", "today", "tonight", "simply", "flatly", "has", "he's", "she's", "'s", "’s", "had",
	"not", "n't", "never", "ever", "openly", "explicitly", "specifically")

// leadWords are sentence openers that are no part of a speaker phrase.
var leadWords = toSet("but", "and", "however", "meanwhile", "still", "also", "now", "then", "so", "yet",
	"instead", "later", "earlier", "separately", "yesterday", "today", "indeed", "moreover", "thus",
	"nonetheless", "nevertheless", "finally", "first", "second", "third", "last", "similarly", "likewise",
	"even", "or", "because", "when", "while", "if", "although", "though", "since", "as", "where")

var pronouns = toSet("he", "she", "they", "it", "we", "i", "you", "there", "this", "that", "these", "those",
	"one", "someone", "somebody", "everyone", "nobody", "many", "some", "most", "few", "others", "both",
	"each", "all", "his", "her", "their", "its", "our", "my", "your", "the", "a", "an")

// subjPronouns open a clause: a weak cue followed by one takes the clause.
var subjPronouns = toSet("he", "she", "they", "it", "we", "i", "you", "there", "his", "her", "their",
	"its", "our", "my", "your", "the", "this", "that", "these", "those", "trump", "clinton")

var weekdays = toSet("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"week", "month", "year", "morning", "afternoon", "evening", "night", "weekend", "day", "days",
	"weeks", "months", "statement", "interview", "release", "email", "letter", "speech", "tweet",
	"post", "briefing", "conference", "call", "op-ed", "memo", "report")

func toSet(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}
