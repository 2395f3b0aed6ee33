// The judgement table of an Ofsted inspection report (private to ofsted*.cpp).
#pragma once

#include <string>

#include "scrutiny/document.h"

namespace scrutiny {

struct JudgementTable {
  Judgements judgements;
  bool found = false;            // at least one graded area was read
  bool has_overall_row = false;  // "Overall effectiveness" row (absent from 2026 reports)
  std::string overall_evidence;  // the words the overall grade came from
};

// Reads the grades from the opening pages' text `head`. `sif` selects the
// 2013-2018 single inspection framework table and its overall sentence
// ("The overall judgement is good", "Children's services in X are good").
JudgementTable read_judgement_table(const std::string& head, bool sif);

}  // namespace scrutiny
