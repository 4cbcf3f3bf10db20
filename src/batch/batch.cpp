// Batch processing: a reader (the calling thread) cuts the input into chunks of whole lines, worker
// threads turn each chunk into its result lines, and the calling thread writes finished chunks in
// input order. At most `window` chunks exist at once, so memory does not grow with the input.
#include "dateline/batch.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "dateline/annotate.hpp"
#include "dateline/document.hpp"
#include "dateline/error.hpp"
#include "dateline/exporters.hpp"
#include "export/json_stream.hpp"
#include "dateline/json.hpp"
#include "dateline/timeline.hpp"
#include "dateline/timeml.hpp"

namespace dateline {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using json = nlohmann::json;

// ---- one document ------------------------------------------------------------------------------

std::string error_record(const json& id, std::string_view where_key, const json& where, std::string_view message) {
    json r;
    r["id"] = id;
    r[std::string(where_key)] = where;
    r["error"] = std::string(message);
    return r.dump(-1, ' ', false, json::error_handler_t::replace);
}

// nlohmann's messages start with "[json.exception.parse_error.101] ": keep what follows.
std::string json_error_message(const std::exception& e) {
    std::string_view m = e.what();
    if (!m.empty() && m[0] == '[') {
        auto p = m.find("] ");
        if (p != std::string_view::npos) m.remove_prefix(p + 2);
    }
    return std::string(m);
}

// The result of one document: annotation (and timeline) as JSON, with `extra` keys added.
std::string document_result(std::string_view text, const Options& opt, bool with_timeline, json extra) {
    json r;
    if (with_timeline) {
        auto tl = build_timeline(text, opt);
        // The per-document record keeps the timexes and the ordered timeline; sentences, paragraphs
        // and the event list are repeated inside the timeline entries where they matter. Written
        // directly: the same text as to_json(tl) without those keys, plus `extra`, dumped compact.
        exporter::TimelineJsonParts parts;
        parts.document = false;
        for (auto& [k, v] : extra.items()) parts.extra.emplace_back(k, v);
        exporter::JsonStyle style;
        style.indent = -1;
        style.replace_invalid = true;
        std::string out;
        exporter::write_timeline_json(out, tl, ExportOptions{}, parts, style);
        return out;
    } else {
        r = to_json(annotate(text, opt));
    }
    for (auto& [k, v] : extra.items()) r[k] = v;
    return r.dump(-1, ' ', false, json::error_handler_t::replace);
}

// The error of a document larger than BatchOptions::max_document_bytes.
std::string too_large(std::size_t bytes, const BatchOptions& o) {
    return fmt::format("document of {} bytes is larger than the limit of {} bytes (--max-mb); not processed", bytes,
                       o.max_document_bytes);
}

}  // namespace

std::string batch_process_line(std::string_view line, std::size_t line_no, const BatchOptions& o, bool& failed) {
    failed = true;
    json id = nullptr;
    try {
        if (line.empty()) return error_record(id, "line", line_no, "empty line");
        if (o.max_document_bytes && line.size() > o.max_document_bytes)
            return error_record(id, "line", line_no, too_large(line.size(), o));
        try {
            validate_text(line);
        } catch (const InputError& e) {
            return error_record(id, "line", line_no, std::string(e.what()) + " of the line");
        }
        json j;
        try {
            j = json::parse(line);
        } catch (const json::exception& e) {
            return error_record(id, "line", line_no, "malformed JSON: " + json_error_message(e));
        }
        if (!j.is_object()) return error_record(id, "line", line_no, "not a JSON object");
        if (auto it = j.find("id"); it != j.end()) id = *it;
        auto text = j.find("text");
        if (text == j.end()) return error_record(id, "line", line_no, "missing \"text\"");
        if (!text->is_string()) return error_record(id, "line", line_no, "\"text\" is not a string");
        Options opt = o.options;
        if (auto d = j.find("dct"); d != j.end() && !d->is_null()) {
            if (!d->is_string()) return error_record(id, "line", line_no, "\"dct\" is not a string");
            auto dct = parse_dct(d->get_ref<const std::string&>());
            if (!dct)
                return error_record(id, "line", line_no,
                                    "impossible DCT \"" + d->get<std::string>() + "\" (expected a real date, YYYY-MM-DD)");
            opt.dct = dct;
        }
        const auto& s = text->get_ref<const std::string&>();
        std::string out = document_result(s, opt, o.timeline, {{"id", id}, {"line", line_no}});
        failed = false;
        return out;
    } catch (const InputError& e) {
        return error_record(id, "line", line_no, e.what());
    } catch (const std::exception& e) {
        return error_record(id, "line", line_no, std::string("internal error: ") + e.what());
    }
}

std::string batch_process_document(std::string_view bytes, std::string_view name, const BatchOptions& o,
                                   bool& failed) {
    failed = true;
    json id = std::string(name);
    try {
        if (bytes.empty()) return error_record(id, "file", id, "empty input");
        if (o.max_document_bytes && bytes.size() > o.max_document_bytes)
            return error_record(id, "file", id, too_large(bytes.size(), o));
        Options opt = o.options;
        if (looks_like_timeml(bytes)) {
            auto doc = read_timeml(bytes, name);
            if (!opt.dct && doc.dct) opt.dct = doc.dct;
            std::string out = document_result(doc.text, opt, o.timeline, {{"id", doc.id}, {"file", id}});
            failed = false;
            return out;
        }
        std::string out = document_result(bytes, opt, o.timeline, {{"id", id}, {"file", id}});
        failed = false;
        return out;
    } catch (const InputError& e) {
        return error_record(id, "file", id, e.what());
    } catch (const std::exception& e) {
        return error_record(id, "file", id, std::string("internal error: ") + e.what());
    }
}

namespace {

// ---- the pipeline ------------------------------------------------------------------------------

struct Job {
    enum Kind { Lines, File, Ready } kind = Lines;
    std::string data;               // Lines: the lines, concatenated; Ready: the result already
    std::vector<std::size_t> ends;  // Lines: end offset of each line in `data`
    // Lines: lines over the size limit, not kept in `data` (empty there): (index in `ends`, size)
    std::vector<std::pair<std::size_t, std::size_t>> too_long;
    std::size_t first_line = 1;     // Lines: number of the first line
    std::string path;               // File
    std::size_t input_bytes = 0;
    // Filled by a worker.
    std::string out;
    std::size_t documents = 0, failed = 0;
    bool done = false;
};

// Cuts a JSON Lines stream into chunks of whole lines. A line longer than `max_line` (0 = no limit)
// is not kept: its bytes are skipped as they are read, and it is recorded in Job::too_long.
class LineReader {
public:
    LineReader(std::istream& in, std::size_t chunk_bytes, std::size_t max_line)
        : in_(in), chunk_bytes_(chunk_bytes), max_line_(max_line) {}

    bool next(Job& job) {
        job.kind = Job::Lines;
        job.first_line = line_no_ + 1;
        for (;;) {
            while (pos_ < buf_.size()) {
                const char* b = buf_.data() + pos_;
                auto* nl = static_cast<const char*>(std::memchr(b, '\n', buf_.size() - pos_));
                if (!nl) break;
                std::size_t e = std::size_t(nl - buf_.data());
                if (skipped_ || (max_line_ && e - pos_ > max_line_)) add_too_long(job, e - pos_, e + 1 - pos_);
                else add_line(job, pos_, e, e + 1 - pos_);
                pos_ = e + 1;
                if (job.data.size() >= chunk_bytes_ || job.ends.size() >= 16384) return true;
            }
            if (max_line_ && (skipped_ || buf_.size() - pos_ > max_line_)) {  // inside an over-long line
                skipped_ += buf_.size() - pos_;
                pos_ = buf_.size();
            }
            if (eof_) {
                if (skipped_) add_too_long(job, 0, 0);
                else if (pos_ < buf_.size()) {  // a last line without a newline
                    add_line(job, pos_, buf_.size(), buf_.size() - pos_);
                    pos_ = buf_.size();
                }
                return !job.ends.empty();
            }
            buf_.erase(0, pos_);
            pos_ = 0;
            std::size_t have = buf_.size();
            buf_.resize(have + kBlock);
            in_.read(buf_.data() + have, std::streamsize(kBlock));
            std::size_t got = std::size_t(in_.gcount());
            buf_.resize(have + got);
            if (got == 0 || !in_) eof_ = true;
        }
    }

private:
    static constexpr std::size_t kBlock = 1 << 20;

    void add_line(Job& job, std::size_t b, std::size_t e, std::size_t consumed) {
        if (e > b && buf_[e - 1] == '\r') --e;  // CRLF
        job.data.append(buf_, b, e - b);
        job.ends.push_back(job.data.size());
        job.input_bytes += consumed;
        ++line_no_;
    }

    // The over-long line ends `rest` bytes after pos_ (of which `consumed` are read, newline included).
    void add_too_long(Job& job, std::size_t rest, std::size_t consumed) {
        job.too_long.emplace_back(job.ends.size(), skipped_ + rest);
        job.ends.push_back(job.data.size());
        job.input_bytes += skipped_ + consumed;
        skipped_ = 0;
        ++line_no_;
    }

    std::istream& in_;
    std::size_t chunk_bytes_;
    std::size_t max_line_;
    std::size_t skipped_ = 0;  // bytes of the current over-long line already dropped
    std::string buf_;
    std::size_t pos_ = 0;
    std::size_t line_no_ = 0;
    bool eof_ = false;
};

std::string read_whole_file(const std::string& path, const BatchOptions& o) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError("cannot open " + path);
    std::string s;
    in.seekg(0, std::ios::end);
    auto size = in.tellg();
    if (o.max_document_bytes && size > 0 && std::size_t(size) > o.max_document_bytes)
        throw InputError(too_large(std::size_t(size), o));
    in.seekg(0, std::ios::beg);
    if (size > 0) s.resize(std::size_t(size));
    in.read(s.data(), std::streamsize(s.size()));
    s.resize(std::size_t(in.gcount()));
    if (in.bad()) throw InputError("cannot read " + path);
    return s;
}

void work(Job& job, const BatchOptions& o) {
    bool failed = false;
    switch (job.kind) {
        case Job::Ready: return;
        case Job::File: {
            std::string bytes;
            try {
                bytes = read_whole_file(job.path, o);
            } catch (const InputError& e) {
                job.out = error_record(job.path, "file", job.path, e.what());
                job.out += '\n';
                job.documents = job.failed = 1;
                return;
            }
            job.input_bytes = bytes.size();
            job.out = batch_process_document(bytes, job.path, o, failed);
            job.out += '\n';
            job.documents = 1;
            job.failed = failed;
            return;
        }
        case Job::Lines: {
            std::size_t b = 0, k = 0;
            for (std::size_t i = 0; i < job.ends.size(); ++i) {
                std::string_view line(job.data.data() + b, job.ends[i] - b);
                if (k < job.too_long.size() && job.too_long[k].first == i) {
                    job.out += error_record(nullptr, "line", job.first_line + i, too_large(job.too_long[k++].second, o));
                    failed = true;
                } else {
                    job.out += batch_process_line(line, job.first_line + i, o, failed);
                }
                job.out += '\n';
                job.failed += failed;
                b = job.ends[i];
            }
            job.documents = job.ends.size();
            std::string().swap(job.data);  // the input is no longer needed
            return;
        }
    }
}

// Runs the pipeline over the jobs `produce` returns (false = no more).
BatchProgress run_pipeline(const std::function<bool(Job&)>& produce, std::ostream& out, const BatchOptions& o,
                           std::size_t total_bytes, const BatchProgressFn& progress) {
    unsigned threads = o.threads ? o.threads : std::max(1u, std::thread::hardware_concurrency());
    std::size_t window = o.window ? o.window : std::size_t(threads) * 4;
    BatchProgress p;
    p.total_bytes = total_bytes;
    auto t0 = Clock::now();
    auto last_report = t0;

    std::mutex m;
    std::condition_variable work_ready, job_done;
    std::deque<Job> jobs;        // in input order; references stay valid across push_back / pop_front
    std::size_t base = 0;        // sequence number of jobs.front()
    std::size_t claimed = 0;     // sequence number of the next job to hand to a worker
    bool stop = false;

    auto worker = [&] {
        std::unique_lock lock(m);
        for (;;) {
            work_ready.wait(lock, [&] { return stop || claimed < base + jobs.size(); });
            if (claimed >= base + jobs.size()) return;  // stop, and nothing left
            Job& job = jobs[claimed - base];
            ++claimed;
            lock.unlock();
            work(job, o);
            lock.lock();
            job.done = true;
            job_done.notify_all();
        }
    };
    std::vector<std::thread> pool;
    pool.reserve(threads);
    for (unsigned i = 0; i < threads; ++i) pool.emplace_back(worker);

    auto finish = [&] {
        {
            std::lock_guard lock(m);
            stop = true;
        }
        work_ready.notify_all();
        for (auto& t : pool) t.join();
    };

    try {
        bool more = true;
        for (;;) {
            // Read while there is room in the window.
            while (more) {
                {
                    std::lock_guard lock(m);
                    if (jobs.size() >= window) break;
                }
                Job job;
                more = produce(job);
                if (!more) break;
                std::lock_guard lock(m);
                jobs.push_back(std::move(job));
                work_ready.notify_one();
            }
            // Write the finished jobs at the front, in order.
            std::unique_lock lock(m);
            if (jobs.empty() && !more) break;
            job_done.wait(lock, [&] { return (!jobs.empty() && jobs.front().done) || (more && jobs.size() < window); });
            while (!jobs.empty() && jobs.front().done) {
                Job job = std::move(jobs.front());
                jobs.pop_front();
                ++base;
                lock.unlock();
                out.write(job.out.data(), std::streamsize(job.out.size()));
                p.documents += job.documents;
                p.failed += job.failed;
                p.bytes += job.input_bytes;
                auto now = Clock::now();
                if (progress && now - last_report >= std::chrono::milliseconds(100)) {
                    last_report = now;
                    p.seconds = std::chrono::duration<double>(now - t0).count();
                    progress(p);
                }
                lock.lock();
            }
        }
    } catch (...) {
        finish();
        throw;
    }
    finish();
    out.flush();
    p.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    if (progress) progress(p);
    return p;
}

bool is_jsonl(const fs::path& p) {
    auto ext = p.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return ext == ".jsonl" || ext == ".ndjson";
}

bool hidden(const fs::path& p) {
    auto name = p.filename().string();
    return !name.empty() && name[0] == '.';
}

}  // namespace

BatchProgress run_batch(std::istream& in, std::ostream& out, const BatchOptions& o, const BatchProgressFn& progress) {
    LineReader reader(in, o.chunk_bytes, o.max_document_bytes);
    return run_pipeline([&](Job& j) { return reader.next(j); }, out, o, 0, progress);
}

BatchProgress run_batch(const std::vector<std::string>& inputs, std::ostream& out, const BatchOptions& o,
                        const BatchProgressFn& progress) {
    // Expand folders into their files (paths only), and sum the sizes for the progress line.
    struct Input {
        std::string path;
        enum Kind { Stdin, JsonLines, Document, Unreadable } kind;
        std::string error;
    };
    std::vector<Input> list;
    std::size_t total = 0;
    bool total_known = true;
    for (const auto& s : inputs) {
        if (s == "-") {
            list.push_back({s, Input::Stdin, {}});
            struct stat st{};
            if (fstat(STDIN_FILENO, &st) == 0 && S_ISREG(st.st_mode)) total += std::size_t(st.st_size);
            else total_known = false;
            continue;
        }
        std::error_code ec;
        fs::path p(s);
        if (fs::is_directory(p, ec)) {
            std::vector<fs::path> files;
            fs::recursive_directory_iterator it(p, fs::directory_options::skip_permission_denied, ec), end;
            if (ec) {
                list.push_back({s, Input::Unreadable, "cannot read folder " + s + ": " + ec.message()});
                continue;
            }
            for (; it != end; it.increment(ec)) {
                if (ec) break;
                if (hidden(it->path())) {
                    if (it->is_directory(ec)) it.disable_recursion_pending();
                    continue;
                }
                if (it->is_regular_file(ec)) files.push_back(it->path());
            }
            std::sort(files.begin(), files.end());
            for (auto& f : files) {
                list.push_back({f.string(), is_jsonl(f) ? Input::JsonLines : Input::Document, {}});
                auto size = fs::file_size(f, ec);
                if (!ec) total += std::size_t(size);
            }
            continue;
        }
        if (!fs::exists(p, ec)) {
            list.push_back({s, Input::Unreadable, "cannot open " + s + ": no such file or directory"});
            continue;
        }
        list.push_back({s, is_jsonl(p) ? Input::JsonLines : Input::Document, {}});
        auto size = fs::file_size(p, ec);
        if (!ec) total += std::size_t(size);
    }

    std::size_t next = 0;
    std::unique_ptr<std::ifstream> file;
    std::unique_ptr<LineReader> reader;
    auto produce = [&](Job& job) -> bool {
        for (;;) {
            if (reader) {
                if (reader->next(job)) return true;
                reader.reset();
                file.reset();
                job = Job{};
            }
            if (next >= list.size()) return false;
            const Input& in = list[next++];
            switch (in.kind) {
                case Input::Stdin:
                    reader = std::make_unique<LineReader>(std::cin, o.chunk_bytes, o.max_document_bytes);
                    break;
                case Input::JsonLines:
                    file = std::make_unique<std::ifstream>(in.path, std::ios::binary);
                    if (!*file) {
                        file.reset();
                        job.kind = Job::Ready;
                        job.out = error_record(in.path, "file", in.path, "cannot open " + in.path) + "\n";
                        job.documents = job.failed = 1;
                        job.done = true;
                        return true;
                    }
                    reader = std::make_unique<LineReader>(*file, o.chunk_bytes, o.max_document_bytes);
                    break;
                case Input::Document:
                    job.kind = Job::File;
                    job.path = in.path;
                    return true;
                case Input::Unreadable:
                    job.kind = Job::Ready;
                    job.out = error_record(in.path, "file", in.path, in.error) + "\n";
                    job.documents = job.failed = 1;
                    job.done = true;
                    return true;
            }
        }
    };
    return run_pipeline(produce, out, o, total_known ? total : 0, progress);
}

}  // namespace dateline
