#!/usr/bin/env python3
"""Writes the two Middlesbrough committee reports of corpus/ as Flat ODT
(.fodt) files in the layout they were published in: the "Report of /
Submitted to / Subject" header table, the decision-form table, bold section
headings, numbered paragraphs, bullet lists and a page-number footer.
scripts/make-corpus-pdfs.sh turns them into PDFs with LibreOffice.

Inline markup in the texts: **bold**, *italic*, [text](url), {fn:footnote}.
"""
import re
import sys
from xml.sax.saxutils import escape

# --- the two reports -------------------------------------------------------

OSB_2020 = {
    "file": "2020-05-21-osb-childrens-services-ofsted-update",
    "title": "Children’s Services Update – OFSTED Inspection",
    "author": "Caroline Breheny",
    "header": [
        ("Report of:", ["Director of Children’s Services"]),
        ("Submitted to:", ["OVERVIEW AND SCRUTINY BOARD – 21 May 2020"]),
        ("Subject:", ["Children’s Services Update – OFSTED Inspection"]),
    ],
    "summary": [
        ("h2", "Summary"),
        ("h3", "Proposed decision(s)"),
        ("p", "It is recommended that the Overview and Scrutiny Board considers the progress made to date on improving services for Middlesbrough’s children,"),
        ("form", ["Report for:", "Key decision:", "Confidential:", "Is the report urgent?"],
                 ["Information", "No", "NA", "NA"]),
        ("plan", ["Open and transparent scrutiny supports all elements of the Mayor’s Vision."] * 3),
        ("h3", "Ward(s) affected"),
        ("p", "All Wards affected equally"),
    ],
    "body": [
        ("h2", "What is the purpose of this report?"),
        ("p", "To make OSB aware of the progress made in response to the OFSTED inspection findings."),
        ("h2", "Why does this report require a Member decision?"),
        ("p", "One of the main duties of OSB is to monitor Council performance and drive improvement."),
        ("p", "As Members are aware the Council, including the scrutiny function, is having to adapt to a different way of working during the Covid-19 pandemic. In March 2020 it was agreed that all non-urgent/non decision making meetings would be cancelled for the interim period and that thought would be given as to how Members could be briefed in relation to Children’s Services and progress on the Ofsted Improvement Plan until formal meetings were resumed."),
        ("p", "As such, on 8 April 2020 Councillor High, Deputy Mayor, Thematic Lead for Drugs and Lead Member for Children’s Social Care requested that the documents, attached at appendices A and B be sent to all Members of the Council to provide everyone with an overview of the progress made to date on improving services for Middlesbrough's children, with particular reference to progress against the Immediate Assurance Plan put in place immediately following the Ofsted inspection."),
        ("p", "In terms of facilitating scrutiny / Member challenge in respect of that update, following discussions with Councillor Garvey, Chair of Children & Young People's Social Care & Services Scrutiny Panel and Councillor Hellaoui, Chair of Corporate Parenting Board as an interim measure it was proposed that should Members have any queries or questions in relation to the information provided then these would be forwarded to the Director of Children's Services."),
        ("p", "A copy of the questions raised by Members and responses subsequently provided by the Director of Children's Services, on 30 April, is attached at Appendix C. A couple of those responses refer to a monthly update for Members regarding OFSTED progress and the Chair of Children & Young People's Social Care and Services Scrutiny Panel has subsequently requested that a further written update for Members be provided. Also attached at Appendix D is an updated version of the Immediate Assurance Plan, as requested by Members. The original Immediate Assurance Plan was presented to the Children & Young People's Social Care Services Scrutiny Panel on 10 February 2020."),
        ("p", "The Director of Children's Services has confirmed that a monthly update will be provided to all Members as soon as possible. The Council is, however, currently awaiting a significant decision from the Department of Education and once that decision has been made the update report will be finalised, as the report could otherwise be out of date very quickly."),
        ("p", "The Director of Children's Services is hopeful that this information will be received within the next week and can then be provided to the Board at its meeting on 21 May 2020."),
        ("h2", "What decision(s) are being asked for?"),
        ("p", "It is recommended that the Overview and Scrutiny Board consider the information presented and determine how the Board / elected Members can assist in continuing to support the Department's Improvement Journey."),
        ("h2", "Other potential decisions and why these have not been recommended"),
        ("p", "No other options were considered."),
        ("h2", "Impact(s) of recommended decision(s)"),
        ("h3", "Legal"),
        ("p", "Not Applicable"),
        ("h3", "Financial"),
        ("p", "Not Applicable"),
        ("h3", "Policy Framework"),
        ("p", "The report does not impact on the overall budget and policy framework."),
        ("h3", "Equality and Diversity"),
        ("p", "Not Applicable"),
        ("h3", "Risk"),
        ("p", "Not Applicable"),
        ("h2", "Actions to be taken to implement the decision(s)"),
        ("p", "Implement any decision of the Overview and Scrutiny Board with regard to the OFSTED Inspection."),
        ("h2", "Appendices"),
        ("p", "Information provided to all Members in respect of the Council's response to the OFSTED Inspection for the Board's information."),
        ("h2", "Background papers"),
        ("gap", ""),
        ("contact", [("Contact:", "Caroline Breheny"), ("Email:", "caroline_breheny@middlesbrough.gov.uk")]),
    ],
}

EXEC_2021 = {
    "file": "2021-09-07-executive-improvement-programme-progress",
    "title": "Children's Services Improvement Programme: Overview of Progress February 2021 – July 2021",
    "author": "Sue Butcher",
    "header": [
        ("Report of:", ["Executive Director of Children's Services: Sue Butcher",
                        "The Mayor and Lead Member for Children's Social Care, Adult Social Care and Public Health: Andy Preston"]),
        ("Submitted to:", ["Executive – 7 September 2021"]),
        ("Subject:", ["Children's Services Improvement Programme: Overview of Progress February 2021 – July 2021."]),
    ],
    "summary": [
        ("h2", "Summary"),
        ("h3", "Proposed decision"),
        ("p", "That Executive notes the overview of the strategic and operational work undertaken between February 2021 and July 2021 in line with the Children's Services Improvement Action Plan 2020/21 and 2021/22."),
        ("form", ["Report for:", "Key decision:", "Confidential:", "Is the report urgent?{fn:Remove for non-Executive reports}"],
                 ["Information and discussion", "No", "No", "No"]),
        ("plan", ["<p>We will contribute to promote the welfare of our children, young people and vulnerable adults and protect them from harm, abuse and neglect.</p> <p>We will transform children's services to allow more families to stay together where it is safe for them to do so and reduce the need for children to become looked after by our local authority.</p>", "", ""]),
        ("h3", "Ward(s) affected"),
        ("p", "All wards affected as the need to improve services for children is across the whole of Middlesbrough"),
    ],
    "body": [
        ("h2", "What is the purpose of this report?"),
        ("n", "1.", "To provide members of the Executive with an overview of the work undertaken from February 2021 to July 2021 in line with the Children's Services Improvement Plan 2020/21 and 2021/22."),
        ("h2", "Why does this report require a Member decision?"),
        ("n", "2.", "It is important that members have a line of sight into the improvement work being undertaken and the impact that it is having on family life in Middlesbrough. This will inform any challenges that they wish to make on the progress being made to improve outcomes for children and hold officers to account as appropriate."),
        ("h2", "Report Background"),
        ("n", "3.", "This report provides a further update about the progress made against the Children's Services Improvement Plan from February 2021 to July 2021. These dates are significant because in February 2021 Vicky Ford MP, Parliamentary Under Secretary of State for Children and Families, accepted our Commissioner Peter Dwyer's recommendation that, as in his original report written in May 2020 'there was sufficient confidence in the changes being made to indicate that this was not a local authority where we should move to consider alternative delivery mechanisms' (e.g. a Children's Trust). In July 2021 the commissioner submitted his third report to the Department of Education (see below for further details) although it will not be presented to the minister until 8th September for her to make a decision by 15th September."),
        ("n", "4.", "Due to the pandemic children's services staff have worked from home during the period represented by this report as have many staff across the council."),
        ("h2", "Context"),
        ("n", "5.", "The most significant events to report are a focused visit from Ofsted on 26th and 27th May 2021 and a visit from our Commissioner Peter Dwyer during the week of 12th July. Both visits were carried out virtually by mutual agreement."),
        ("n", "6.", "Ofsted's programme of focused visits was set up to assess how 'England's social care system has delivered child centered practice and care within the context of the restrictions placed on society during the pandemic'. There is a clear expectation that for authorities in Middlesbrough's position this actually means 'deliver **and continue to improve**' child care practice."),
        ("n", "7.", "Middlesbrough's focused visit, carried out by four social care inspectors and one education inspector, took place on 26th and 27th May 2021 using the same methodology as for the last full inspection in 2019. The inspectors looked across the whole of Children's Services i.e. both the children's social care and education and partnerships areas of practice. The inspectors were only 'on site' for two days but during the previous two weeks they required a significant amount of documentation including performance information and direct responses to their queries. They also interviewed key personnel such as our Chief Executive. Overall the visit was successful as there was praise for the way that the directorate worked through the pandemic managing to improve services in the face of increased demand. A selection of key points includes:"),
        ("b", "Leaders appropriately prioritised recruitment and the development of the workforce strategy."),
        ("b", "Workers are persistent and build good relationships with children so interventions are more effective."),
        ("b", "Staff report feeling supported, liked working for Middlesbrough and understood the vision for change."),
        ("b", "Caseloads are reducing but remain too high for some social workers"),
        ("b", "The quality of practice is variable and does not meet leader's expectations"),
        ("b", "Some children experience too many changes of social worker. Children told inspectors that they would like to have social workers who stayed with them for a long time."),
        ("b", "There is a significant focus on Children Missing Education"),
        ("b", "A minority of Looked after Children are on reduced timetables or have had no education for too long."),
        ("n", "8.", "We are proud that our response to the pandemic has been profiled by '*What Works for Children's Social Care*'."),
        ("n", "9.", "The Inspectors made two recommendations in addition to those made at the time of the 2019 inspection namely"),
        ("b", "To improve management oversight and actions to ensure that vulnerable children and children in care, including those with special needs and/or disabilities (SEND), receive their full educational entitlement"),
        ("b", "To improve the understanding of identity and the diverse needs of children and their families to inform assessment, planning and support."),
        ("n", "10.", "In general terms Ofsted inspectors consider practice over the previous six months whilst a commissioner gathers evidence on an authority's progress and its potential to improve outcomes for children. Our commissioner spent time looking at a range of key strategic documents, undertook interviews with leaders including political leaders, held focus groups looking at key areas such as workforce development and met with front line staff and managers. He was joined in the meetings with staff and managers by Stuart Smith our Department of Education (DfE) Improvement Adviser. In the summary Peter states that 'considerable progress has been made and there is evidence of real impact'. Although Peter's style and support is greatly appreciated it is gratifying that he is recommending to the minister that 'no further direct engagement of an appointed commissioner is required and continued monitoring and support to improvement is afforded by the Improvement Adviser and the core DfE team'. The report and its recommendation to withdraw the Commissioner's intervention will be presented to the minister on 8th September for a decision to be made by 15th September. If she agrees Middlesbrough's statutory direction will still stand but will be amended to reference an ongoing relationship with our improvement adviser rather than with the Commissioner. This would be a significant milestone in Middlesbrough's improvement journey. The report cannot be shared in its entirety until the minister has made her decision."),
        ("n", "11.", "The 'So What' question. What difference has Middlesbrough Council's Children's Services, working with partner agencies, made to the lives of Middlesbrough's children? Although there is no room for complacency as there is still a great deal of work to do, it is important to highlight the fact that significant progress has already been made as evidenced by feedback from Ofsted and from our Commissioner. This is a really significant achievement for everyone concerned."),
        ("n", "12.", "The Improvement Plan is being revised to take account of the findings of both reports. The progress made against the plan is reported to every meeting of the Multi-Agency Strategic Improvement Board on an exceptions basis."),
        ("n", "13.", "Appendix 1 sets out the progress made against the Local Government Association's 'Enablers for Improvement' and should be read in conjunction with this report."),
        ("h2", "What decision is being asked for?"),
        ("n", "14.", "That Executive notes the overview of the strategic and operational work undertaken between February 2021 and July 2021 in line with the Children's Services Improvement Action Plan 2020/21 and 2021/22"),
        ("h2", "Why is this being recommended?"),
        ("n", "15.", "So Executive members are fully apprised of the work to improve outcomes for vulnerable children in Middlesbrough and can hold officers to account when progress is not made as planned."),
        ("h2", "Other potential decisions and why these have not been recommended"),
        ("n", "16.", "No other potential decision at this time."),
        ("h2", "Impact of recommended decision"),
        ("h3", "Legal"),
        ("n", "17.", "As this report does not ask for a decision but is written to give members of the Executive an overview of the work against the Children's Services improvement plan over the last four months there are no additional directly related legal implications. However, improving social work practice will improve compliance with The Children Act 1989, subsequent Children Act legislation and Working Together 2018"),
        ("h3", "Financial"),
        ("n", "18.", "As this report does not ask for a decision but is written to give members of the Executive an overview of the work against the Children's Services improvement plan over the last four months there are no additional directly related financial implications. The improvement budget is reported to the six weekly Multi-Agency Strategic Improvement Board."),
        ("h3", "Policy Framework"),
        ("n", "19.", "This decision does not have any impact of the council's policy framework."),
        ("h3", "Equality and Diversity"),
        ("n", "20.", "The improvement of children's services should not result in policies and practices that impact inequitably on individual or groups because they hold one or more protected characteristics."),
        ("n", "21.", "Ensuring that services to children and families are effective and appropriate for all including those who hold one or more protected characteristics is a key responsibility for the service and will be monitored at all times as part of the improvement journey."),
        ("h3", "Risk"),
        ("n", "22.", "Risks in relation to the Improvement Plan are reported to the six-weekly Multi-Agency Strategic Improvement Board"),
        ("h2", "Actions to be taken to implement the decision(s)"),
        ("n", "23.", "No additional actions as those in the Improvement Plan are already scheduled to take place."),
        ("h2", "Appendices"),
        ("n", "24.", "Appendix 1: Enablers for Improvement to be read in conjunction with this report."),
        ("h2", "Background papers"),
        ("n", "25.", "[50166338 (ofsted.gov.uk)](https://www.ofsted.gov.uk/50166338)"),
        ("gap", ""),
        ("contact", [("Contact:", "Sue Butcher"), ("Email:", "Sue_Butcher@middlesbrough.gov.uk")]),
    ],
}

# --- Flat ODT writer --------------------------------------------------------

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 xmlns:xlink="http://www.w3.org/1999/xlink"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:meta>
 <dc:title>{title}</dc:title>
 <dc:subject>{subject}</dc:subject>
 <meta:initial-creator>{author}</meta:initial-creator>
 <dc:creator>{author}</dc:creator>
</office:meta>
<office:font-face-decls>
 <style:font-face style:name="Arial" svg:font-family="Arial" style:font-family-generic="swiss"/>
</office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph">
  <style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.3cm"/>
  <style:text-properties style:font-name="Arial" fo:font-size="11pt" fo:language="en" fo:country="GB"/>
 </style:default-style>
 <style:style style:name="Standard" style:family="paragraph" style:class="text">
  <style:paragraph-properties fo:text-align="justify" fo:line-height="115%"/>
 </style:style>
 <style:style style:name="Council" style:family="paragraph">
  <style:paragraph-properties fo:text-align="end" fo:margin-bottom="0.6cm"/>
  <style:text-properties fo:font-size="14pt" fo:font-weight="bold" fo:color="#00605f"/>
 </style:style>
 <style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph" style:class="text" style:default-outline-level="2">
  <style:paragraph-properties fo:margin-top="0.45cm" fo:margin-bottom="0.25cm" fo:keep-with-next="always"/>
  <style:text-properties fo:font-size="12pt" fo:font-weight="bold"/>
 </style:style>
 <style:style style:name="Heading_20_3" style:display-name="Heading 3" style:family="paragraph" style:class="text" style:default-outline-level="3">
  <style:paragraph-properties fo:margin-top="0.3cm" fo:margin-bottom="0.2cm" fo:keep-with-next="always"/>
  <style:text-properties fo:font-size="11pt" fo:font-weight="bold"/>
 </style:style>
 <style:style style:name="Numbered" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:margin-left="1.25cm" fo:text-indent="-1.25cm">
   <style:tab-stops><style:tab-stop style:position="0cm"/></style:tab-stops>
  </style:paragraph-properties>
 </style:style>
 <style:style style:name="Bullet" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:margin-bottom="0.15cm"/>
 </style:style>
 <style:style style:name="Cell" style:family="paragraph">
  <style:paragraph-properties fo:margin-bottom="0.1cm" fo:text-align="start"/>
 </style:style>
 <style:style style:name="CellBold" style:family="paragraph" style:parent-style-name="Cell">
  <style:text-properties fo:font-weight="bold"/>
 </style:style>
 <style:style style:name="Footer" style:family="paragraph" style:class="extra">
  <style:paragraph-properties fo:text-align="center"/>
  <style:text-properties fo:font-size="10pt"/>
 </style:style>
 <style:style style:name="Footnote" style:family="paragraph" style:class="extra">
  <style:text-properties fo:font-size="9pt"/>
 </style:style>
 <text:notes-configuration text:note-class="footnote" style:num-format="1" text:start-value="0" text:footnotes-position="page" text:start-numbering-at="document"/>
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="pm1">
  <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="2cm" fo:margin-bottom="1.5cm" fo:margin-left="2.5cm" fo:margin-right="2.5cm"/>
  <style:footer-style><style:header-footer-properties fo:min-height="0.8cm" fo:margin-top="0.4cm"/></style:footer-style>
 </style:page-layout>
 <style:style style:name="B" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
 <style:style style:name="I" style:family="text"><style:text-properties fo:font-style="italic"/></style:style>
 <style:style style:name="Grid" style:family="table"><style:table-properties style:width="16cm" table:align="left" fo:margin-bottom="0.4cm"/></style:style>
 <style:style style:name="Lined" style:family="table-cell"><style:table-cell-properties fo:padding="0.12cm" fo:border="0.5pt solid #000000"/></style:style>
 <style:style style:name="Shaded" style:family="table-cell"><style:table-cell-properties fo:padding="0.12cm" fo:border="0.5pt solid #000000" fo:background-color="#d9e2f3"/></style:style>
 <style:style style:name="Plain" style:family="table-cell"><style:table-cell-properties fo:padding="0.1cm" fo:border="none"/></style:style>
 <style:style style:name="ColLabel" style:family="table-column"><style:table-column-properties style:column-width="3.5cm"/></style:style>
 <style:style style:name="ColText" style:family="table-column"><style:table-column-properties style:column-width="12.5cm"/></style:style>
 <style:style style:name="Col4" style:family="table-column"><style:table-column-properties style:column-width="4cm"/></style:style>
 <style:style style:name="Col3" style:family="table-column"><style:table-column-properties style:column-width="5.33cm"/></style:style>
 <text:list-style style:name="Bullets">
  <text:list-level-style-bullet text:level="1" text:bullet-char="•">
   <style:list-level-properties text:list-level-position-and-space-mode="label-alignment">
    <style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="1.9cm" fo:text-indent="-0.65cm" fo:margin-left="1.9cm"/>
   </style:list-level-properties>
   <style:text-properties style:font-name="Arial"/>
  </text:list-level-style-bullet>
 </text:list-style>
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="pm1">
  <style:footer><text:p text:style-name="Footer"><text:page-number text:select-page="current">1</text:page-number></text:p></style:footer>
 </style:master-page>
</office:master-styles>
<office:body><office:text>
"""

TAIL = "</office:text></office:body></office:document>\n"


class Writer:
    def __init__(self):
        self.out = []
        self.in_list = False

    def inline(self, s):
        """Escapes s and turns the inline markup into ODF spans, links and notes."""
        parts = []
        pos = 0
        pattern = re.compile(r"\*\*(.+?)\*\*|\*(.+?)\*|\[(.+?)\]\((\S+?)\)|\{fn:(.+?)\}")
        for m in pattern.finditer(s):
            parts.append(escape(s[pos:m.start()]))
            if m.group(1):
                parts.append('<text:span text:style-name="B">%s</text:span>' % escape(m.group(1)))
            elif m.group(2):
                parts.append('<text:span text:style-name="I">%s</text:span>' % escape(m.group(2)))
            elif m.group(3):
                parts.append('<text:a xlink:type="simple" xlink:href="%s">%s</text:a>'
                             % (escape(m.group(4)), escape(m.group(3))))
            else:
                parts.append('<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation>'
                             '<text:note-body><text:p text:style-name="Footnote"><text:s/>%s</text:p></text:note-body></text:note>'
                             % escape(m.group(5)))
            pos = m.end()
        parts.append(escape(s[pos:]))
        return "".join(parts)

    def close_list(self):
        if self.in_list:
            self.out.append("</text:list>")
            self.in_list = False

    def para(self, style, s):
        self.out.append('<text:p text:style-name="%s">%s</text:p>' % (style, self.inline(s)))

    def cell(self, cell_style, para_style, lines, span=1):
        attrs = ' table:number-columns-spanned="%d"' % span if span > 1 else ""
        body = "".join('<text:p text:style-name="%s">%s</text:p>' % (para_style, self.inline(l)) for l in lines)
        return '<table:table-cell table:style-name="%s" office:value-type="string"%s>%s</table:table-cell>' % (
            cell_style, attrs, body)

    def header_table(self, rows):
        self.out.append('<table:table table:name="ReportHeader" table:style-name="Grid">'
                        '<table:table-column table:style-name="ColLabel"/><table:table-column table:style-name="ColText"/>')
        for label, lines in rows:
            self.out.append("<table:table-row>%s%s</table:table-row>" % (
                self.cell("Plain", "CellBold", [label]), self.cell("Plain", "CellBold", lines)))
        self.out.append("</table:table>")

    def form_table(self, head, values):
        self.out.append('<table:table table:name="DecisionForm" table:style-name="Grid">'
                        '<table:table-column table:style-name="Col4" table:number-columns-repeated="4"/>')
        self.out.append("<table:table-row>%s</table:table-row>" % "".join(
            self.cell("Shaded", "CellBold", [h]) for h in head))
        self.out.append("<table:table-row>%s</table:table-row>" % "".join(
            self.cell("Lined", "Cell", [v]) for v in values))
        self.out.append("</table:table>")

    def plan_table(self, cells):
        self.out.append('<table:table table:name="StrategicPlan" table:style-name="Grid">'
                        '<table:table-column table:style-name="Col3" table:number-columns-repeated="3"/>')
        self.out.append("<table:table-row>%s<table:covered-table-cell/><table:covered-table-cell/></table:table-row>"
                        % self.cell("Shaded", "CellBold", ["Contribution to delivery of the 2020-23 Strategic Plan"], span=3))
        self.out.append("<table:table-row>%s</table:table-row>" % "".join(
            self.cell("Shaded", "CellBold", [h]) for h in ["People", "Place", "Business"]))
        self.out.append("<table:table-row>%s</table:table-row>" % "".join(
            self.cell("Lined", "Cell", [c]) for c in cells))
        self.out.append("</table:table>")

    def block(self, item):
        kind = item[0]
        if kind != "b":
            self.close_list()
        if kind == "h2":
            self.para("Heading_20_2", item[1])
        elif kind == "h3":
            self.para("Heading_20_3", item[1])
        elif kind == "p":
            self.para("Standard", item[1])
        elif kind == "gap":
            self.out.append('<text:p text:style-name="Standard"/>')
        elif kind == "n":
            self.out.append('<text:p text:style-name="Numbered">%s<text:tab/>%s</text:p>'
                            % (escape(item[1]), self.inline(item[2])))
        elif kind == "b":
            if not self.in_list:
                self.out.append('<text:list text:style-name="Bullets">')
                self.in_list = True
            self.out.append('<text:list-item><text:p text:style-name="Bullet">%s</text:p></text:list-item>'
                            % self.inline(item[1]))
        elif kind == "form":
            self.form_table(item[1], item[2])
        elif kind == "plan":
            self.plan_table(item[1])
        elif kind == "contact":
            for label, value in item[1]:
                self.out.append('<text:p text:style-name="Standard"><text:span text:style-name="B">%s</text:span> %s</text:p>'
                                % (escape(label), escape(value)))
        else:
            raise ValueError(kind)


def render(report):
    w = Writer()
    w.out.append(HEAD.format(title=escape(report["title"]), subject=escape(report["title"]),
                             author=escape(report["author"])))
    w.para("Council", "MIDDLESBROUGH COUNCIL")
    w.header_table(report["header"])
    for item in report["summary"] + report["body"]:
        w.block(item)
    w.close_list()
    w.out.append(TAIL)
    return "\n".join(w.out)


def main(out_dir):
    for report in (OSB_2020, EXEC_2021):
        path = "%s/%s.fodt" % (out_dir, report["file"])
        with open(path, "w", encoding="utf-8") as f:
            f.write(render(report))
        print(path)


if __name__ == "__main__":
    main(sys.argv[1])
