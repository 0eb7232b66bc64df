"""Fictional resumes in the shapes real files come in (PDF text, anonymised exports, Markdown).

Every name, employer and number here is invented for the tests.
"""

# Employer, dates and title on one line; place on the next; wrapped prose lines (PDF text).
ONE_LINE_ROLES = """SENIOR BOOKKEEPER
Experience
Harbor Ledger Partners June 2015 to Current Senior Bookkeeper
Portland , OR
Close the books each month for 12 retail clients and prepare quarterly statements for their
lenders and investors.
Reconcile bank, card and payroll accounts.
Riverside Dental Group March 2011 to May 2015 Staff Accountant
Portland , OR
Ran accounts payable for four clinics.
August 2008 to February 2011 Accounting Tutor Self-Employed
Portland , OR
Taught bookkeeping to small-business owners.
Education
Bachelor of Science : Accounting May 2008 Oregon State University Corvallis , OR
Skills
bookkeeping, payroll, QuickBooks, reconciliations, Microsoft Excel
"""

# Dates alone on a line (sometimes split over three), then "Title Company - City , State".
DATES_ON_THEIR_OWN = """LINE COOK
Experience
09/2017 to 02/2023
Sous Chef Company Name  -  City , State
Planned weekly menus around local produce.
Trained six new cooks.
April 2014
to
August 2017
Line Cook Company Name  -  City , State
Prepared breakfast and lunch service for 200 guests.
"""

# A two-column PDF: the end date lands at the start of the next line.
TWO_COLUMNS = """Mara Quill
Backend Developer
Lisbon, Portugal
mara.quill@example.org
Experience
March 2021 – Backend Developer, Tidewater Labs, Lisbon, Portugal
Present Built the billing service in Go and PostgreSQL. Cut invoice errors by 30%.
2017 – 2021 Junior Developer, Saltmarsh Software, Porto, Portugal
Maintained the Django admin and its reports.
Skills
Go, PostgreSQL, Python, Django, Docker, Kubernetes
"""

# Employer, then title, then the dates (bulleted highlights).
STACKED = """Theo Marsh
theo.marsh@example.com
WORK EXPERIENCE
Northwind Analytics
Data Analyst

May 2022 - Present

• Built weekly churn dashboards in Tableau for the sales team
• Wrote SQL models that cut report time by 40%
Bluebird University
Research Assistant

Summer 2021

• Cleaned survey data for a study of 3,000 students
"""

# The title on the line above the dates.
TITLE_ABOVE = """Experience
Marketing Director
November 2019 to Current Company Name  -  City , State
Lead a team of five marketers.
Account Executive
June 2014 to October 2019 Company Name  -  City , State
Managed 40 client accounts.
"""

MARKDOWN = """# Jane Example

Platform Engineer

Berlin, Germany · jane@example.com · +49 30 1234567 · https://github.com/jane-example

## Summary

Platform engineer who keeps deploys boring.

## Experience

### Platform Engineer — Acme Robotics
*Berlin, Germany · Jan 2020 – Present*

- Moved 40 services to Kubernetes with zero downtime.
- Cut cloud spend by 25% with autoscaling.

### Software Engineer — Example GmbH
*Hamburg, Germany · Jun 2016 – Dec 2019*

- Built the order pipeline in Python and PostgreSQL.

## Education

- B.Sc. in Computer Science, Technical University of Example, 2016

## Skills

- Languages: Python, Go
- Infrastructure: Kubernetes, Terraform, AWS

## Certifications

- Certified Kubernetes Administrator – CNCF (2021)
"""
