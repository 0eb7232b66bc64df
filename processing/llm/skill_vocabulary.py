"""A curated vocabulary of skills, tools, methods and domain terms, and a fast matcher.

Each entry has a canonical name, a category and aliases. Matching works on word tokens
(longest alias first), so it is linear in the text and cannot backtrack. Aliases are
case-insensitive unless marked: `=Word` must match with exactly that case, `~Word` must
also stand alone (followed by punctuation, a line end or a word like "and"), which keeps
"Go above and beyond" from counting as the Go language.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

_VOCABULARY = """
## Programming languages
Python | python3
Java | j2ee, java ee, java se
JavaScript | js, es6, ecmascript, javascript es6
TypeScript
~Go | golang
=Rust
C++ | cpp
C# | c sharp
.NET | .net core, dotnet, asp.net, asp.net core, vb.net
~C
=Ruby
PHP
Kotlin
=Swift
Objective-C
=Scala
~R | r programming, rstudio
SQL | t-sql, tsql, pl/sql, plsql, ansi sql
Bash | shell scripting, shell script, bash scripting, powershell
Perl
MATLAB
=SAS
=Elixir
Haskell
=Dart
=Lua
COBOL
Solidity
HTML | html5
CSS | css3, scss, sass, tailwind, tailwind css
VBA | =VBA

## Frameworks and libraries
Django | django rest framework, drf
=Flask
FastAPI
Spring Boot | =Spring, spring mvc, spring framework
Hibernate
Node.js | =Node, nodejs, node js
Express.js | =Express, expressjs, express js
React | =React, react.js, reactjs, react js, react native
Redux
Angular | angularjs, angular.js
Vue.js | vue, vuejs, vue js, nuxt
Next.js | nextjs
Svelte
jQuery
Ruby on Rails | =Rails
Laravel
Symfony
.NET MVC | asp.net mvc
=Bootstrap
GraphQL
gRPC
Kafka | apache kafka, kafka streams
RabbitMQ
Celery
Airflow | apache airflow
=Spark | apache spark, pyspark, spark sql
Hadoop | hdfs, =Hive
dbt | =dbt
Pandas | =pandas
NumPy
scikit-learn | sklearn, scikit learn
TensorFlow
PyTorch
Keras
Hugging Face | huggingface, transformers library
LangChain
OpenCV
D3.js | d3
Webpack
=Babel
=Jest
JUnit
Mockito
Selenium
=Cypress
Playwright
pytest
=Unity
Unreal Engine

## Databases
PostgreSQL | postgres, postgresql, psql
MySQL | mariadb
SQL Server | microsoft sql server, ms sql, mssql, ms sql server, sql server management studio, ssms
Oracle Database | oracle db, =Oracle
MongoDB | mongo
Redis
Elasticsearch | elastic search, opensearch, elk
Cassandra
DynamoDB
SQLite
=Snowflake
BigQuery | big query
Redshift | amazon redshift
Databricks
Neo4j
NoSQL
Firebase | firestore
Data Lake | data lakes, azure data lake
Data Factory | azure data factory

## Cloud and infrastructure
AWS | amazon web services, aws lambda, ec2, s3, =S3, =EC2, cloudformation
Azure | microsoft azure, azure devops
Google Cloud | gcp, google cloud platform
Docker | containerization, docker compose
Kubernetes | k8s, eks, aks, gke, openshift
Terraform
Ansible
=Chef
=Puppet
Linux | unix, ubuntu, red hat, rhel, centos
Windows Server
Nginx
Serverless | lambda functions
Microservices | microservice, micro services, microservice architecture
Distributed systems | distributed system
CI/CD | ci cd, continuous integration, continuous delivery, continuous deployment, ci/cd pipelines
Jenkins
GitHub Actions
GitLab CI | gitlab
Git | =Git, github, bitbucket, version control, source control
Infrastructure as code | iac
Observability | monitoring, prometheus, grafana, datadog, splunk, new relic, =Dynatrace
Networking | tcp/ip, dns, vpn, firewalls, lan, wan
VMware | vsphere, virtualization
Active Directory | azure ad, entra id
High availability | scalability, high scalability, fault tolerance, disaster recovery
Site reliability engineering | sre

## Data and machine learning
Machine learning | ml, machine learning models
Deep learning | neural networks
MLOps | ml ops
Natural language processing | nlp
Computer vision
Generative AI | genai, gen ai, large language models, llm, llms, gpt, chatgpt
Artificial intelligence | ai
Data analysis | data analytics, analytics, analyzing data, analyse data, analyze data
Data science | data scientist
Statistics | statistical analysis, statistical modeling, regression, hypothesis testing
Data visualization | data visualisation, dashboards, dashboarding
Data modeling | data modelling, data models
Data engineering | data pipelines, data pipeline
ETL | elt, etl pipelines
Data warehousing | data warehouse, data warehouses
Business intelligence | bi
Tableau
Power BI | powerbi
Looker
=Excel | microsoft excel, ms excel, spreadsheets, pivot tables, vlookup
A/B testing | a/b tests, ab testing, experimentation, split testing
Big data

## Software engineering practices
REST APIs | =REST, restful, restful apis, rest api, restful services, apis, api, api development, web services
System design | software architecture, solution architecture
Object-oriented programming | oop, object oriented, object-oriented design
Test-driven development | tdd, unit testing, unit tests, automated testing, test automation
Code review | code reviews
Agile | agile methodologies, agile development, agile environment
Scrum | =Scrum, scrum master, sprint planning
Kanban
DevOps
Front-end development | frontend, front end, front-end
Back-end development | backend, back end, back-end
Full-stack development | full stack, full-stack, fullstack
Mobile development | ios, android, mobile apps
Web development
Responsive design
Accessibility | wcag, a11y
Performance optimization | query optimization, performance tuning
Debugging | troubleshooting, troubleshoot

## Security
Application security | appsec, secure coding, owasp
Cybersecurity | information security, infosec, cyber security
Identity and access management | iam, sso, oauth, saml
Penetration testing | pen testing, pentesting
SIEM
Threat modeling
Vulnerability management | vulnerability assessment
SOC 2 | soc2, soc 2 type ii
ISO 27001
NIST

## Design
UX design | ux, user experience, ux/ui, ui/ux
UI design | ui, user interface, user interfaces
Figma
=Sketch
Adobe Creative Suite | adobe creative cloud, photoshop, illustrator, indesign, after effects, premiere pro, adobe xd
Wireframing | wireframes, wireframe, prototyping, prototypes
User research | usability testing, user interviews
Design systems | design system
Graphic design
Brand design | branding

## Product and project management
Product management | product manager, product strategy
Product roadmap | roadmap, roadmaps, roadmapping
Project management | project manager, project planning
Program management | program manager
Stakeholder management | stakeholders, stakeholder
Jira | =JIRA
Confluence
Asana
Requirements gathering | business requirements, requirements analysis, gather requirements, collect requirements
Business analysis | business analyst
Process improvement | continuous improvement, process optimization, workflow optimization
=Lean | lean manufacturing, lean principles
Six Sigma | lean six sigma
Change management
Risk management | risk assessment
Vendor management | supplier management, third-party management
Budget management | budgeting, budget planning
Strategic planning | strategy development
Operations management | operations manager
Cross-functional collaboration | cross-functional, cross functional, cross-functional teams

## Accounting and finance
Accounting | general accounting, accountant, accounting principles
GAAP | us gaap
IFRS
Month-end close | month end close, month-end, month end, month end closings, close process, year-end close
Account reconciliation | reconciliations, account reconciliations, bank reconciliations, reconciliation
Journal entries | journal entry
Accruals | accrual
General ledger | =GL
Accounts payable
Accounts receivable | collections
Financial reporting | financial statements, financial reports
Financial analysis | financial analyst, analyzing financial data
Financial modeling | financial modelling, financial models
FP&A | financial planning and analysis, financial planning
Forecasting | forecasts, forecast
Auditing | audit, audits, internal audit, external audit
SOX | sarbanes-oxley, sox compliance, internal controls, internal control
Tax | sales and use tax, tax compliance, tax returns
Payroll
ERP | erp systems, erps
SAP | =SAP
NetSuite
QuickBooks
Oracle Financials
Dynamics 365 | microsoft dynamics
Blackline | =BlackLine
Treasury
Underwriting | underwriter
Investment management | portfolio management, asset management
Mortgage

## Sales and marketing
Sales | selling
B2B | b2b sales, b2b saas
SaaS | software as a service
Account management | account manager, account executive
Business development | business development representative, bdr, sdr
Lead generation | prospecting, pipeline generation, outbound, cold calling
Pipeline management | sales pipeline, pipeline management
Quota attainment | quota, quotas, sales targets
Enterprise sales | enterprise accounts
Solution selling | consultative selling, value selling
Negotiation | negotiating, negotiations, negotiate
Closing deals | close deals, closing deals, deal closing
Territory management | territory
Customer success | customer success manager, client success
Customer service | customer support, client service, client services
Relationship management | relationship building, client relationships, customer relationships
CRM | customer relationship management
Salesforce | sfdc, salesforce.com
HubSpot
Marketing | marketing strategy
Digital marketing | online marketing, performance marketing, paid media
Product marketing | go-to-market, gtm, positioning, messaging
Content marketing | content strategy, content creation, copywriting
SEO | search engine optimization
SEM | ppc, paid search, google ads
Social media | social media marketing
Email marketing | marketing automation, marketo
Google Analytics | ga4
Demand generation | demand gen
Public relations | =PR, media relations
Event management | event planning, trade shows
Market research | market analysis, competitive analysis
Partnerships | channel partners, channel sales, alliances, partner management

## Healthcare
Registered Nurse | =RN, registered nurse, rn license, =BSN
Licensed Practical Nurse | =LPN
Patient care | patient-centered care, bedside care
Emergency medicine | =ER, emergency room, emergency department
Clinical experience | clinical, clinical operations
Case management | case manager, care management
Utilization management | =UM, utilization review
Medical necessity | =MCG, interqual
HIPAA
EHR | emr, electronic health records, electronic medical records, =Epic, cerner
Medical coding | icd-10, =CPT, medical billing
Pharmacy | pharmacist, pharmacology
Regulatory affairs | regulatory strategy, regulatory submissions, regulatory, =FDA, ema
Clinical trials | clinical research, clinical development
Pharmacovigilance | drug safety, safety surveillance
BLS | basic life support, =CPR, =ACLS
Medical devices | medical device

## People and HR
Recruiting | recruitment, talent acquisition, recruiter
Onboarding
Employee relations
HRIS | =Workday, adp
Compensation | compensation analysis, total rewards
Benefits administration
Training and development | training programs, training sessions, learning and development, l&d, coaching
Performance management
Labor law | employment law

## Legal and compliance
Compliance | regulatory compliance
Contract management | contracts, contract negotiation, contract drafting
Litigation
Legal research
Policy development | policies and procedures

## Operations and supply chain
Supply chain | supply chain management
Logistics
Procurement | purchasing, sourcing strategy
Inventory management | inventory
Manufacturing
Quality assurance | qa, quality control, qc
Facilities management | facilities
Merchandising | merchandiser
Construction
Data entry
Scheduling
=Retail

## Education and content
Curriculum development | curriculum, lesson planning
Teaching | teacher, classroom management
Writing and editing | technical writing, editing, copyediting, content writing, journalism

## Office tools
Microsoft Office | ms office, microsoft office suite, office 365, microsoft 365
=Word | microsoft word, ms word
PowerPoint | powerpoint presentations
=Outlook
Google Workspace | g suite, google docs, google sheets
=Slack
SharePoint

## Soft skills
Communication | communication skills, communicate, communicating, written communication, verbal communication, written and verbal communication, verbal and written communication
Leadership | leading teams, team leadership, people management, led a team, lead a team
Mentoring | mentorship, mentor, mentored, coaching junior
Collaboration | teamwork, team player, collaborate, collaborative, collaborated, collaborating
Problem solving | problem-solving, problem solver, analytical skills, analytical thinking, critical thinking
Attention to detail | detail-oriented, detail oriented, diligent, meticulous
Organizational skills | organization skills, organizational, organized, well-organized
Time management | prioritization, prioritize, multitasking, manage multiple priorities
Presentation skills | presentations, presenting, public speaking
Adaptability | adaptable, fast-paced
Ownership | self-motivated, self-starter, proactive, autonomous, independently
Customer focus | customer-focused, customer-centric, customer obsession

## Certifications
CPA | =CPA, certified public accountant
PMP | project management professional
CFA | =CFA
AWS certification | aws certified, aws certified solutions architect
CISSP
Certified ScrumMaster | csm, certified scrum master
SHRM | shrm-cp, shrm-scp
Oracle Certified Professional | oracle certified
Series 7 | =FINRA

## Degrees
Bachelor's degree | bachelor, bachelors, bachelor's, =BA, =BS, b.s, b.a, bsc, b.sc, b.tech, ba/bs, bs/ba, undergraduate degree, four-year degree, 4-year degree
Master's degree | master's, =MS, m.s, msc, m.sc, ms/ma, graduate degree, master of science, master of arts, master of engineering, m.eng, masters degree
MBA | master of business administration
PhD | ph.d, doctorate, doctoral degree
Associate degree | associate's degree
"""

# Words after which a stand-alone alias ("~Go") still counts as the skill.
_STANDALONE_FOLLOWERS = frozenset(
    {
        "and",
        "or",
        "programming",
        "language",
        "languages",
        "lang",
        "developer",
        "developers",
        "services",
        "code",
        "experience",
        "development",
        "engineer",
        "engineers",
        "microservices",
        "skills",
    }
)

_TOKEN = re.compile(
    r"(?<![A-Za-z0-9])\.NET(?![A-Za-z0-9])|[A-Za-z0-9][A-Za-z0-9+#]*(?:[./&'][A-Za-z0-9+#]+)*"
)

# Categories where mentioning the posting's wording next to the resume's is safe and
# useful; degrees and certifications are credentials, never re-labelled.
CREDENTIAL_CATEGORIES = frozenset({"Certifications", "Degrees"})
SOFT_CATEGORY = "Soft skills"
# Broad practices ("Back-end development", "REST APIs"): real ATS keywords, but too generic
# to headline a summary or a question.
BROAD_CATEGORIES = frozenset({"Software engineering practices", SOFT_CATEGORY, *CREDENTIAL_CATEGORIES})


@dataclass(frozen=True)
class Skill:
    name: str
    category: str

    @property
    def is_credential(self) -> bool:
        return self.category in CREDENTIAL_CATEGORIES

    @property
    def is_soft(self) -> bool:
        return self.category == SOFT_CATEGORY

    @property
    def is_specific(self) -> bool:
        """A concrete tool, language or domain skill, not a broad practice or a soft skill."""
        return self.category not in BROAD_CATEGORIES


@dataclass(frozen=True)
class _Alias:
    skill: Skill
    exact: tuple[str, ...] | None  # the case-exact tokens, when case matters
    standalone: bool


@dataclass(frozen=True)
class SkillMention:
    skill: Skill
    start: int
    end: int
    surface: str  # the words as written in the text


def tokens_find(text: str) -> list[re.Match]:
    return list(_TOKEN.finditer(text))


def _alias_tokens(alias: str) -> tuple[str, ...]:
    return tuple(m.group(0) for m in _TOKEN.finditer(alias))


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, list[_Alias]], tuple[Skill, ...], dict[str, int]]:
    index: dict[str, list[_Alias]] = {}
    skills: list[Skill] = []
    category = ""
    for raw in _VOCABULARY.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("## "):
            category = line[3:].strip()
            continue
        name_part, _, alias_part = line.partition("|")
        name = name_part.strip().lstrip("=~")
        skill = Skill(name=name, category=category)
        skills.append(skill)
        aliases = [name_part.strip()] + [a.strip() for a in alias_part.split(",") if a.strip()]
        for alias in aliases:
            marker = alias[0] if alias[0] in "=~" else ""
            tokens = _alias_tokens(alias.lstrip("=~"))
            if not tokens:
                continue
            key = " ".join(t.lower() for t in tokens)
            entry = _Alias(skill=skill, exact=tokens if marker else None, standalone=marker == "~")
            bucket = index.setdefault(key, [])
            # A case-insensitive alias makes any exact-case one for the same key redundant.
            if not any(e.skill == skill and e.exact is None for e in bucket):
                bucket.append(entry)
    # For each first word of an alias, the longest alias starting with it: most words of a
    # text start no alias at all and cost one dictionary lookup.
    first_words: dict[str, int] = {}
    for key in index:
        words = key.split(" ")
        first_words[words[0]] = max(first_words.get(words[0], 0), len(words))
    return index, tuple(skills), first_words


def skills_all() -> tuple[Skill, ...]:
    return _index()[1]


def skill_by_name(name: str) -> Skill | None:
    for skill in skills_all():
        if skill.name.lower() == name.lower():
            return skill
    return None


def _standalone_ok(text: str, start: int, end: int, next_token: str | None) -> bool:
    """A stand-alone alias must end its phrase: "Go," "Go)" "Go and Rust", not "Go above"."""
    after = text[end : end + 1]
    if not after or after in ",;/)\n|":
        return True
    if after == ".":
        # "in Go." counts; "R." is more likely an initial.
        return end - start > 1
    if after == " " and next_token is not None:
        return next_token.lower() in _STANDALONE_FOLLOWERS
    return after == " "


def skills_find(text: str) -> list[SkillMention]:
    """Every vocabulary skill mentioned in `text`, in order, longest alias first."""
    return list(_skills_find(text))


def skills_cache_clear() -> None:
    """Forget cached look-ups (they hold user text): called when a document is finished."""
    _skills_find.cache_clear()


@lru_cache(maxsize=8192)
def _skills_find(text: str) -> tuple[SkillMention, ...]:
    index, _, first_words = _index()
    matches = tokens_find(text)
    lowered = [m.group(0).lower() for m in matches]
    originals = [m.group(0) for m in matches]
    found: list[SkillMention] = []
    i = 0
    total = len(matches)
    while i < total:
        hit = None
        longest = first_words.get(lowered[i], 0)
        for size in range(min(longest, total - i), 0, -1):
            bucket = index.get(" ".join(lowered[i : i + size]))
            if not bucket:
                continue
            for alias in bucket:
                if alias.exact is not None and tuple(originals[i : i + size]) != alias.exact:
                    continue
                end = matches[i + size - 1].end()
                if alias.standalone:
                    next_token = originals[i + size] if i + size < total else None
                    if not _standalone_ok(text, matches[i].start(), end, next_token):
                        continue
                start = matches[i].start()
                hit = (SkillMention(alias.skill, start, end, text[start:end]), size)
                break
            if hit:
                break
        if hit:
            found.append(hit[0])
            i += hit[1]
            continue
        token = originals[i]
        if "/" in token:
            # "HTML/CSS", "Java/Kotlin": try each part on its own.
            offset = matches[i].start()
            for part in token.split("/"):
                for alias in index.get(part.lower(), []):
                    if alias.exact is not None and (part,) != alias.exact:
                        continue
                    if alias.standalone:
                        continue
                    found.append(SkillMention(alias.skill, offset, offset + len(part), part))
                    break
                offset += len(part) + 1
        i += 1
    return tuple(found)


def skill_names(text: str) -> set[str]:
    return {mention.skill.name for mention in skills_find(text)}
