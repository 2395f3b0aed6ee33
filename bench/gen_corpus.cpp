// gen_corpus: writes N deterministic, realistic council documents for the
// benchmarks (docs/benchmarks.md): multi-page committee-report and minutes
// PDFs (running headers, page numbers, headings, bullet lists, two-column
// pages, tables) and ModernGov "Issue - meetings" HTML pages, dated 2014-2025
// in the forms our metadata extraction reads ("Submitted to: Executive – 8
// March 2022", "Meeting: 08/03/2022 - Executive").
//
// Text is sentences from --source-text files or directories (.txt, .html,
// .md), else bench/data/sentences.txt. Every document has its own RNG seeded
// from (seed, index), so output is byte-identical for a seed and documents are
// written one at a time: 100,000 documents need no more memory than one.
//
//   gen_corpus --out DIR --count N [--seed S] [--html-percent P]
//              [--source-text PATH]...
// Writes DIR/NNN/<kind>-<index>.{pdf,html} (1,000 per directory) and
// DIR/corpus.tsv (path, format, pages, date, body).
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "corpus_text.h"
#include "pdf_pages.h"

namespace fs = std::filesystem;
using scrutiny::bench::PdfPages;
using scrutiny::bench::Rng;
using scrutiny::bench::load_sentences;

namespace {

const std::vector<std::string> kBodies = {
    "Executive", "Cabinet", "Children and Young People's Scrutiny Panel", "Corporate Parenting Board",
    "Overview and Scrutiny Board", "Children's Services Scrutiny Committee", "Health and Wellbeing Board",
    "Schools Forum", "People Scrutiny Panel", "Safeguarding Partnership Board"};
const std::vector<std::string> kAuthorities = {
    "Middlesbrough Council", "Redcar and Cleveland Borough Council", "Stockton-on-Tees Borough Council",
    "Hartlepool Borough Council", "Darlington Borough Council", "Durham County Council",
    "Sunderland City Council", "Gateshead Council", "Northumberland County Council", "Leeds City Council"};
const std::vector<std::string> kTitles = {
    "Children's Services Improvement Plan: Progress Update", "Ofsted Focused Visit: Outcome and Actions",
    "Corporate Parenting Annual Report", "Placement Sufficiency Strategy", "Children's Social Care Performance Report",
    "Early Help Strategy Refresh", "Safeguarding Partnership Annual Report", "Fostering Service Annual Report",
    "Care Leavers Local Offer", "SEND Written Statement of Action Update", "Social Work Recruitment and Retention",
    "Budget Pressures in Children's Social Care", "Youth Justice Plan", "Independent Reviewing Officer Annual Report",
    "Elective Home Education Update", "Missing and Exploited Children Update"};
const std::vector<std::string> kHeadings = {
    "Purpose of the report", "Background", "Summary of findings", "Recommendations", "Financial implications",
    "Legal implications", "Risk assessment", "Consultation", "Children in care", "Care leavers", "Early help",
    "Workforce and caseloads", "Quality assurance", "Performance information", "Next steps", "Background papers",
    "Placements and sufficiency", "Child protection", "Voice of the child", "Partnership working"};
const std::vector<std::string> kIndicators = {
    "Children in care", "Child protection plans", "Re-referrals within 12 months (%)",
    "Assessments within 45 days (%)", "Average caseload per social worker", "Care leavers in EET (%)",
    "Agency social workers (%)", "Children missing from care", "Placements with in-house carers (%)",
    "Early help assessments"};
const char* const kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                               "July",    "August",   "September", "October", "November", "December"};

// ---- layout helpers ---------------------------------------------------------

std::vector<std::string> wrap(const std::string& text, size_t width) {
  std::vector<std::string> lines;
  std::string line;
  std::istringstream words(text);
  std::string w;
  while (words >> w) {
    if (!line.empty() && line.size() + 1 + w.size() > width) {
      lines.push_back(line);
      line.clear();
    }
    if (!line.empty()) line += ' ';
    line += w;
  }
  if (!line.empty()) lines.push_back(line);
  return lines;
}

struct Dated {
  int year, month, day;
};

struct DocPlan {
  std::string authority, body, title;
  Dated date;
};

std::string paragraph(Rng& rng, const std::vector<std::string>& sentences, int lo, int hi) {
  std::string p;
  for (int n = rng.range(lo, hi); n > 0; --n) p += (p.empty() ? "" : " ") + rng.pick(sentences);
  return p;
}

// Fills one column from y down to `bottom` with numbered headings, bullet
// lists and paragraphs. Width in characters approximates Helvetica 10pt.
void fill_column(PdfPages& pdf, Rng& rng, const std::vector<std::string>& sentences, double x, double y,
                 double bottom, size_t width) {
  int section = rng.range(1, 9);
  bool after_heading = true;  // a heading never follows a heading or opens a column bottom
  while (y > bottom + 24) {
    int kind = rng.range(1, 100);
    bool heading = kind <= 22 && !after_heading && y > bottom + 80;
    after_heading = heading;
    if (heading) {
      y -= 8;
      std::string h = std::to_string(++section) + ". " + rng.pick(kHeadings);
      pdf.text(x, y, PdfPages::kBold, 12, h);
      y -= 18;
    } else if (kind >= 80) {
      for (int items = rng.range(3, 5); items > 0 && y > bottom + 12; --items) {
        auto lines = wrap(rng.pick(sentences), width - 4);
        pdf.text(x + 6, y, PdfPages::kRegular, 10, "\x95");
        for (const auto& l : lines) {
          if (y <= bottom) break;
          pdf.text(x + 18, y, PdfPages::kRegular, 10, l);
          y -= 12;
        }
        y -= 3;
      }
      y -= 6;
    } else {
      for (const auto& l : wrap(paragraph(rng, sentences, 2, 5), width)) {
        if (y <= bottom) break;
        pdf.text(x, y, PdfPages::kRegular, 10, l);
        y -= 12;
      }
      y -= 8;
    }
  }
}

double draw_table(PdfPages& pdf, Rng& rng, double y, int year) {
  const double x0 = 56, widths[] = {215, 90, 90, 90};
  std::vector<std::string> head = {"Indicator", std::to_string(year - 2) + "/" + std::to_string((year - 1) % 100),
                                   std::to_string(year - 1) + "/" + std::to_string(year % 100), "Target"};
  int rows = rng.range(4, 7);
  auto row_out = [&](const std::vector<std::string>& cells, bool bold) {
    double x = x0;
    for (size_t c = 0; c < cells.size(); ++c) {
      pdf.rect(x, y - 5, widths[c], 18);
      pdf.text(x + 4, y, bold ? PdfPages::kBold : PdfPages::kRegular, 9, cells[c]);
      x += widths[c];
    }
    y -= 18;
  };
  pdf.text(x0, y + 8, PdfPages::kBold, 11, "Table " + std::to_string(rng.range(1, 6)) + ": Key performance indicators");
  y -= 14;
  row_out(head, true);
  for (int r = 0; r < rows; ++r) {
    int base = rng.range(5, 400);
    row_out({kIndicators[(r + rng.range(0, 9)) % kIndicators.size()], std::to_string(base),
             std::to_string(base + rng.range(-30, 30)), std::to_string(base + rng.range(-20, 10))},
            false);
  }
  return y - 16;
}

std::string long_date(const Dated& d) {
  return std::to_string(d.day) + " " + kMonths[d.month - 1] + " " + std::to_string(d.year);
}

std::string slash_date(const Dated& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", d.day, d.month, d.year);
  return buf;
}

// A committee report (dated by "Submitted to:") or minutes ("Meeting:").
std::string make_pdf(Rng& rng, const DocPlan& plan, const std::vector<std::string>& sentences, bool minutes,
                     int& pages_out) {
  PdfPages pdf;
  const int pages = minutes ? rng.range(2, 5) : rng.range(1, 9);
  const std::string running = plan.authority + " - " + plan.title;
  for (int p = 1; p <= pages; ++p) {
    pdf.new_page();
    pdf.text(56, 815, PdfPages::kRegular, 8, running);
    pdf.line(56, 810, 539, 810);
    pdf.text(270, 30, PdfPages::kRegular, 8, "Page " + std::to_string(p) + " of " + std::to_string(pages));
    double y = 785;
    if (p == 1) {
      pdf.text(56, y, PdfPages::kBold, 16, plan.authority);
      y -= 26;
      if (minutes) {
        pdf.text(56, y, PdfPages::kBold, 13, "Minutes");
        y -= 18;
        pdf.text(56, y, PdfPages::kRegular, 10, "Meeting: " + slash_date(plan.date) + " - " + plan.body);
        y -= 14;
        pdf.text(56, y, PdfPages::kRegular, 10, "Item " + std::to_string(rng.range(1, 140)) + ": " + plan.title);
      } else {
        pdf.text(56, y, PdfPages::kRegular, 10, "Report of: Director of Children's Services");
        y -= 14;
        pdf.text(56, y, PdfPages::kRegular, 10, "Submitted to: " + plan.body + " \x96 " + long_date(plan.date));
        y -= 14;
        pdf.text(56, y, PdfPages::kRegular, 10, "Subject: " + plan.title);
      }
      y -= 26;
      fill_column(pdf, rng, sentences, 56, y, 50, 95);
      continue;
    }
    int layout = rng.range(1, 100);
    if (layout <= 15) {  // two columns
      fill_column(pdf, rng, sentences, 56, y, 50, 44);
      fill_column(pdf, rng, sentences, 310, y, 50, 44);
    } else if (layout <= 30) {  // a table, then text
      y = draw_table(pdf, rng, y - 10, plan.date.year);
      fill_column(pdf, rng, sentences, 56, y, 50, 95);
    } else {
      fill_column(pdf, rng, sentences, 56, y, 50, 95);
    }
  }
  pages_out = pages;
  return pdf.serialise(plan.title);
}

std::string html_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else out += c;
  }
  return out;
}

// A ModernGov "Issue - meetings" page with its navigation boilerplate.
std::string make_html(Rng& rng, const DocPlan& plan, const std::vector<std::string>& sentences) {
  std::string h =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>Issue - meetings | " +
      html_escape(plan.authority) +
      "</title></head>\n<body>\n<div id=\"mgHeader\"><a href=\"/\">Home</a> | <a href=\"mgListCommittees.aspx\">"
      "Committees</a> | <a href=\"ieDocHome.aspx\">Meetings</a> | <a href=\"mgMemberIndex.aspx\">Councillors</a></div>\n"
      "<div id=\"modgov\"><div class=\"mgContent\">\n<h1 class=\"mgMainTitleTxt\">Issue - meetings</h1>\n<h2 "
      "class=\"mgSubTitleTxt\">" +
      html_escape(plan.title) + "</h2>\n";
  h += "<p class=\"mgSectionTitle\">Meeting: " + slash_date(plan.date) + " - " + html_escape(plan.body) +
       " (Item " + std::to_string(rng.range(1, 140)) + ")</p>\n";
  h += "<p>" + std::to_string(rng.range(1, 140)) + " " + html_escape(plan.title) +
       " <img alt=\"pdf icon\" src=\"pdf.gif\"> PDF " + std::to_string(rng.range(80, 900)) + " KB</p>\n";
  for (int blocks = rng.range(4, 10); blocks > 0; --blocks) {
    int kind = rng.range(1, 100);
    if (kind <= 20) {
      h += "<h3>" + html_escape(rng.pick(kHeadings)) + "</h3>\n";
    } else if (kind <= 40) {
      h += "<ul>\n";
      for (int items = rng.range(2, 5); items > 0; --items) h += "<li>" + html_escape(rng.pick(sentences)) + "</li>\n";
      h += "</ul>\n";
    } else {
      h += "<p>" + html_escape(paragraph(rng, sentences, 2, 5)) + "</p>\n";
    }
  }
  h += "<p><strong>RESOLVED</strong> that " + html_escape(rng.pick(sentences)) + "</p>\n";
  h += "</div></div>\n<div id=\"mgFooter\">Contact us | Accessibility | Privacy notice | " +
       html_escape(plan.authority) + "</div>\n</body></html>\n";
  return h;
}

struct Options {
  std::string out;
  long count = 100;
  std::uint64_t seed = 1;
  int html_percent = 25;
  std::vector<std::string> sources;
};

int usage(const char* msg) {
  std::cerr << "gen_corpus: " << msg
            << "\nusage: gen_corpus --out DIR --count N [--seed S] [--html-percent P] [--source-text PATH]...\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  Options opt;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (i + 1 >= argc) return usage(("missing value for " + a).c_str());
    std::string v = argv[++i];
    if (a == "--out") opt.out = v;
    else if (a == "--count") opt.count = std::atol(v.c_str());
    else if (a == "--seed") opt.seed = std::strtoull(v.c_str(), nullptr, 10);
    else if (a == "--html-percent") opt.html_percent = std::atoi(v.c_str());
    else if (a == "--source-text") opt.sources.push_back(v);
    else return usage(("unknown option " + a).c_str());
  }
  if (opt.out.empty() || opt.count <= 0) return usage("--out and a positive --count are required");
  std::vector<std::string> sentences = load_sentences(opt.sources);
  if (sentences.size() < 20) {
    if (!opt.sources.empty()) std::cerr << "gen_corpus: few sentences in --source-text; using the built-in list\n";
    sentences = load_sentences({std::string(BENCH_DATA_DIR) + "/sentences.txt"});
  }
  if (sentences.size() < 20) return usage("no source sentences (bench/data/sentences.txt missing?)");

  fs::create_directories(opt.out);
  std::ofstream tsv(fs::path(opt.out) / "corpus.tsv", std::ios::binary);
  tsv << "path\tformat\tpages\tdate\tbody\n";
  long total_pages = 0;
  for (long i = 0; i < opt.count; ++i) {
    Rng rng(opt.seed * 0x100000001B3ULL + static_cast<std::uint64_t>(i) * 0x9E3779B97F4A7C15ULL);
    rng.next();
    DocPlan plan{rng.pick(kAuthorities), rng.pick(kBodies), rng.pick(kTitles),
                 {rng.range(2014, 2025), rng.range(1, 12), rng.range(1, 28)}};
    if (rng.chance(40)) plan.title += " " + std::string(kMonths[plan.date.month - 1]) + " " + std::to_string(plan.date.year);
    char dir[32], name[64];
    std::snprintf(dir, sizeof dir, "%03ld", i / 1000);
    fs::create_directories(fs::path(opt.out) / dir);
    std::string content, format;
    int pages = 0;
    if (rng.chance(opt.html_percent)) {
      std::snprintf(name, sizeof name, "issue-%06ld.html", i);
      content = make_html(rng, plan, sentences);
      format = "html";
    } else {
      bool minutes = rng.chance(20);
      std::snprintf(name, sizeof name, "%s-%06ld.pdf", minutes ? "minutes" : "report", i);
      content = make_pdf(rng, plan, sentences, minutes, pages);
      format = "pdf";
    }
    std::string rel = std::string(dir) + "/" + name;
    std::ofstream(fs::path(opt.out) / rel, std::ios::binary) << content;
    char iso[48];
    std::snprintf(iso, sizeof iso, "%04d-%02d-%02d", plan.date.year, plan.date.month, plan.date.day);
    tsv << rel << '\t' << format << '\t' << pages << '\t' << iso << '\t' << plan.body << '\n';
    total_pages += pages;
  }
  std::cout << opt.count << " documents, " << total_pages << " PDF pages in " << opt.out << "\n";
  return 0;
}
