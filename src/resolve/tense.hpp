// Tense of the verb that governs a temporal expression, from cue words in its sentence.
#pragma once
#include <cstddef>
#include <memory>
#include <string_view>

#include "dateline/timex.hpp"

namespace dateline::resolve {

// The nearest past or future cue to [begin, end) inside the sentence [sb, se) decides
// (will/'ll/shall/going to -> future; was/were/had/did/said, irregular pasts, -ed verbs -> past);
// present forms (is, are, has) count only when there is no past or future cue. Cues after the
// expression count 1.5x farther; a reporting verb counts only next to it. Verb-group rules: an
// infinitive after a plan word ("set to", "agreed to", "is to") or "as soon as" looks ahead, a past
// perfect or "previously" puts a plan in the past, has/have + participle is past, a passive
// participle takes the tense of "be". A possessive expression ("Friday's close") is past. A
// quotation opened with `` after a full stop starts a new sentence.
Tense detect_tense(std::string_view text, std::size_t sb, std::size_t se, std::size_t begin, std::size_t end);

// What detect_tense() keeps between the expressions of one text: the words of the sentence it read
// last (the windows of a sentence's expressions overlap). One per text and thread; the text must not
// change while it is in use.
class TenseScratch {
public:
    TenseScratch();
    ~TenseScratch();
    TenseScratch(const TenseScratch&) = delete;
    TenseScratch& operator=(const TenseScratch&) = delete;
    struct Impl;

private:
    friend Tense detect_tense(std::string_view, std::size_t, std::size_t, std::size_t, std::size_t, TenseScratch&);
    std::unique_ptr<Impl> impl_;
};

// The same, for the expressions of one text in text order, with `scratch` kept across the calls.
Tense detect_tense(std::string_view text, std::size_t sb, std::size_t se, std::size_t begin, std::size_t end,
                   TenseScratch& scratch);

// The tense a single word signals, if any (exposed for events).
Tense word_tense(std::string_view lowercase_word);

}  // namespace dateline::resolve
