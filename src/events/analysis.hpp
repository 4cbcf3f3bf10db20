// Word-level analysis of one sentence, shared by event detection and anchoring: tokens with
// closed-class tags, the events found on them, and clause boundaries. Internal to the library.
#pragma once
#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dateline/timeline.hpp"

namespace dateline::events {

enum class Tag : std::uint8_t {
    Word,       // open-class word: noun, adjective, name, unknown verb
    Number,     // 242,000  3.5
    Det,        // the a an this that these those some any no every each another such
    Possessive, // his her its their our my your 's
    Pronoun,    // he she it they we i you (subjects and objects)
    Prep,       // in on at during since after before until by from with of for to ...
    To,         // "to" before a verb
    Be,         // be forms
    Have,       // have forms
    Do,         // do forms
    Modal,      // will would could can may might should must shall
    Neg,        // not never n't
    Adverb,     // -ly adverbs and a few others that sit inside verb groups
    Conj,       // and or but nor
    Subord,     // while because although though if unless whereas when whether as (clause openers)
    Rel,        // which who whom whose where, "that" before a verb
    Comma,
    Punct,      // ; : ( ) [ ] – — and other clause-ending marks
    Quote,      // " “ ” ' ‘ ’ used as quotation marks
};

struct WordInfo;  // what the lexicon says of a lowercase word (events.cpp)

// (The fields are ordered so that a token takes 56 bytes.)
struct Token {
    std::size_t begin = 0, end = 0;  // byte offsets in the document
    std::string_view lower;          // lowercased ASCII, the word itself otherwise (points into the
                                     // analysis' buffer or a padded literal: 16 bytes from its
                                     // start may be read)
    int timex = -1;                  // index into the timexes when the word is inside one
    int event = -1;                  // index into the sentence's events: set on the main verb / noun head
    Tag tag = Tag::Word;
    bool capital = false;            // starts with an uppercase letter
    bool verb = false;               // part of a verb event's group (aux or main)
    bool noun_event = false;         // part of an event noun
    bool hypothetical = false;       // inside the complement of a wish / attempt / threat
    bool conditional = false;        // inside an if-clause
    bool main_be = false;            // a form of "be" used as the main verb (copula)
    std::uint8_t noun_words = 0xFF;  // the most words of an event noun the word can end (capped at
                                     // 254; 0xFF: not looked up, as for capitalized words)
    const WordInfo* info = nullptr;  // the lexicon's word info, once looked up (valid while the
                                     // sentence is analysed: the word cache may be emptied between sentences)
};

// The events of one sentence: the tail of a vector, its own or one attached to it that also holds
// the events of earlier sentences (anchoring attaches the document's list, so that events are made
// in place there and never moved). Indexes are local to the sentence.
class EventList {
public:
    EventList() = default;
    EventList(EventList&& o) noexcept : own_(std::move(o.own_)), v_(o.v_ == &o.own_ ? &own_ : o.v_), base_(o.base_) {}
    EventList& operator=(EventList&& o) noexcept {
        own_ = std::move(o.own_);
        v_ = o.v_ == &o.own_ ? &own_ : o.v_;
        base_ = o.base_;
        return *this;
    }
    EventList(const EventList&) = delete;
    EventList& operator=(const EventList&) = delete;

    // The events of the next sentence go to the end of `v` (which must outlive this list).
    void attach(std::vector<Event>& v) {
        v_ = &v;
        base_ = v.size();
    }
    // Starts a sentence: no events yet (those of earlier sentences stay in an attached vector).
    void start() {
        if (v_ == &own_) own_.clear();
        base_ = v_->size();
    }
    std::size_t size() const { return v_->size() - base_; }
    bool empty() const { return size() == 0; }
    Event& operator[](std::size_t k) { return (*v_)[base_ + k]; }
    const Event& operator[](std::size_t k) const { return (*v_)[base_ + k]; }
    Event& emplace_back() { return v_->emplace_back(); }
    void push_back(Event&& e) { v_->push_back(std::move(e)); }
    auto begin() { return v_->begin() + std::ptrdiff_t(base_); }
    auto end() { return v_->end(); }
    std::size_t base() const { return base_; }  // index of event 0 in the vector

private:
    std::vector<Event> own_;
    std::vector<Event>* v_ = &own_;
    std::size_t base_ = 0;
};

struct SentenceAnalysis {
    std::size_t sentence = 0;        // index into the sentences
    std::vector<Token> tokens;
    std::size_t timex_first = 0, timex_end = 0;  // the tokens inside timexes are in [timex_first, timex_end)
    bool back_reference = false;     // some preposition is since/after/before/following/until (the
                                     // anchoring's "since that meeting" rule looks only then)
    EventList events;                // in text order; Event::eid left empty (numbered by the caller)
    std::vector<std::size_t> event_token;  // for each event, the index of its head token
    std::vector<std::uint8_t> event_form;   // for each event found by analyze_sentence: 1 a gerund, 2 a
                                            // participle, 0 else (the verb groups' aspect reads it); at
                                            // least as long as the tokens, written by event index
    std::vector<char> lower_buffer;  // the lowercase words the tokens point to (moves keep it in place)
};

// Tokenizes and tags sentence `index` of `text`, finds its events. Words inside timexes get Token::timex
// and never become events.
SentenceAnalysis analyze_sentence(std::string_view text, const Sentence& s, std::size_t index,
                                  const std::vector<Timex>& timexes);
// The same into `a`, reusing its buffers (no allocation once they have grown).
void analyze_sentence(std::string_view text, const Sentence& s, std::size_t index, const std::vector<Timex>& timexes,
                      SentenceAnalysis& a);

// "e1", "e2", ...: the id of the n-th event of a document.
inline std::string event_id(std::size_t n) {
    char buf[24];
    buf[0] = 'e';
    auto r = std::to_chars(buf + 1, buf + sizeof buf, n);
    return std::string(buf, r.ptr);
}
// The same written into an event's empty id (no temporary string).
inline void put_event_id(std::string& eid, std::size_t n) {
    char buf[24];
    buf[0] = 'e';
    auto r = std::to_chars(buf + 1, buf + sizeof buf, n);
    eid.append(buf, std::size_t(r.ptr - buf));
}

// True when token i ends a clause for the purpose of attaching times to events (punctuation, quotes,
// subordinators, relative pronouns, a comma before a conjunction).
bool clause_boundary(const std::vector<Token>& tokens, std::size_t i);

// Events of all non-header sentences, numbered e1, e2, ...; when `analyses` is given, the per-sentence
// analyses are appended to it instead and nothing is returned.
std::vector<Event> find_events_in(std::string_view text, const std::vector<Sentence>& sentences,
                                  const std::vector<Timex>& timexes, std::vector<SentenceAnalysis>* analyses);

// Anchors events to times and returns the timeline entries, unordered (see anchor.cpp).
struct AnchorInput {
    std::string_view text;
    const std::vector<Sentence>* sentences = nullptr;
    const Annotation* annotation = nullptr;
    Strategy strategy = Strategy::News;
    bool all_events = false;
};
struct AnchorOutput {
    std::vector<Event> events;            // every event, numbered in document order
    std::vector<TimelineEntry> entries;   // unordered
};
AnchorOutput anchor_events(const AnchorInput& in);

}  // namespace dateline::events

static_assert(sizeof(dateline::events::Token) == 56, "a token fits in 56 bytes");
