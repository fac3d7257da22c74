# English: the wizard's steps. Keys must match kk/steps.ftl and ru/steps.ftl.
optional-suffix = (optional)
answer-yes = Yes
answer-no = No
print = Print this page

language-heading = Which language do you want to use?
language-required = Select a language

region-heading = Where do you live?
region-hint = Services, results and deadlines depend on your region's regulations.
region-required = Select your region

catalogue-heading = Services
catalogue-region = Region:
catalogue-change-region = Change region
catalogue-search = Search services
catalogue-no-results = No service matches your search.
domain-employment = Employment
domain-social_assistance = Social assistance
domain-special_social_services = Special social services
service-details = What you get, who can apply, documents and deadline
service-results = What you get
service-who = Who can apply
service-who-anyone = Anyone the service is for; no registration needed first.
service-documents = Documents
service-deadline = Deadline
service-channels = Where to apply
service-apply = Apply online
service-office-only = Apply at an office: where to go and what to bring
channel-online = you can apply online
duration-working-days = { $count ->
    [one] { $count } working day
   *[other] { $count } working days
}
duration-minutes = { $count ->
    [one] { $count } minute
   *[other] { $count } minutes
}
deadline-stated = set by the regulation
deadline-summed = sum of the regulation's steps
deadline-not-given = The regulation does not give a deadline.
office-only-intro = This service does not take applications online. Apply in person at one of these offices and bring the documents listed.
office-bring = What to bring

eligibility-heading = Before you apply
fact-registered_as_unemployed-question = Are you registered as unemployed?
fact-registered_as_unemployed-required = Select yes if you are registered as unemployed
fact-registered_as_unemployed-short = Registered as unemployed
fact-registered_as_job_seeker-question = Are you registered as a job seeker?
fact-registered_as_job_seeker-required = Select yes if you are registered as a job seeker
fact-registered_as_job_seeker-short = Registered as a job seeker
fact-has_qualification-question = Do you have a qualification (a diploma or certificate)?
fact-has_qualification-required = Select yes if you have a qualification
fact-has_qualification-short = Has a qualification
fact-first_job_seeker_without_profession-question = Are you looking for work for the first time, without a profession?
fact-first_job_seeker_without_profession-required = Select yes if you are looking for work for the first time
fact-first_job_seeker_without_profession-short = First job, no profession
fact-applies_through_representative-question = Is someone applying on your behalf?
fact-applies_through_representative-required = Select yes if someone is applying on your behalf
fact-applies_through_representative-short = Applying through a representative
fact-rural_social_sphere_specialist-question = Are you a social-sphere specialist living and working in a rural settlement?
fact-rural_social_sphere_specialist-required = Select yes if you are a rural social-sphere specialist
fact-rural_social_sphere_specialist-short = Rural social-sphere specialist
fact-has_child_under_18-question = Do you have a child under 18?
fact-has_child_under_18-required = Select yes if you have a child under 18
fact-has_child_under_18-short = Has a child under 18

ineligible-heading = You cannot get this service online yet
ineligible-what-next = What you can do
ineligible-register = Register at your local employment centre first, then apply again. Take your identity document.
ineligible-change-answers = Change your answers
ineligible-other-services = See other services
reason-requires_unemployed_registration = This result is only for people registered as unemployed.
reason-requires_job_seeker_or_unemployed_registration = This result is only for people registered as job seekers or as unemployed.
reason-requires_rural_social_sphere_specialist = This service is only for social-sphere specialists living and working in rural settlements.
reason-requires_child_under_18 = This service is only for families with children under 18.
reason-applicant_category_not_served = This service is not provided to your category of applicant.
reason-result_not_offered_in_region = This result is not offered in your region.
reason-no_online_channel = This service does not take applications online.

name-heading = What is your name?
surname-label = Surname
given-name-label = First name
patronymic-label = Patronymic
surname-name_empty = Enter your surname
surname-name_too_long = Surname must be 100 characters or fewer
surname-name_invalid_characters = Surname must only include letters, spaces, hyphens and apostrophes
given-name-name_empty = Enter your first name
given-name-name_too_long = First name must be 100 characters or fewer
given-name-name_invalid_characters = First name must only include letters, spaces, hyphens and apostrophes
patronymic-name_empty = Enter your patronymic
patronymic-name_too_long = Patronymic must be 100 characters or fewer
patronymic-name_invalid_characters = Patronymic must only include letters, spaces, hyphens and apostrophes

birth-date-heading = What is your date of birth?
birth-date-hint = For example, 28 10 1979
birth-date-empty = Enter your date of birth
birth_date_invalid = Date of birth must be a real date
birth_date_too_early = Date of birth must be after 1900
date-day = Day
date-month = Month
date-year = Year

contact-heading = How can we contact you?
phone-label = Mobile phone number
phone-hint = For example, +7 701 123 45 67 or 8 701 123 45 67
phone-empty = Enter your mobile phone number
phone-invalid = Enter a Kazakhstan mobile number, like +7 701 123 45 67
email-label = Email address
email-invalid = Enter an email address in the correct format, like name@example.kz

address-heading = What is your address?
address-label = Address
address-hint = Settlement, street, house and flat
address_empty = Enter your address
address_too_long = Address must be 300 characters or fewer

category-heading = Which of these describes you?
category-required = Select which of these describes you
category-citizen = Citizen of the Republic of Kazakhstan
category-foreigner_with_residence_permit = Foreigner with a residence permit
category-stateless_person = Stateless person
category-kandas = Kandas (ethnic Kazakh returnee)

result-heading = What do you want to apply for?
result-required = Select what you want to apply for

documents-heading = Attach your documents
documents-hint = PDF, JPG or PNG, each smaller than 10 MB.
document-conditional = if it applies to you
document-choose = Choose file
document-uploading = Uploading
document-cancel = Cancel upload
document-remove = Remove
document-remove-confirm = Remove { $name }?
document-remove-yes = Yes, remove it
document-remove-no = No, keep it
document-required = Attach this document
upload-empty = The selected file is empty
upload-too-large = The selected file must be smaller than 10 MB
upload-wrong-type = The selected file must be a PDF, JPG or PNG
size-kb = { $size } KB
size-mb = { $size } MB

check-name = Name
check-birth-date = Date of birth
check-contact = Contact
check-address = Address
check-category = Applicant
check-eligibility = Eligibility
check-result = Applying for
check-documents = Documents

confirmation-due = Result due by
confirmation-next-heading = What happens next
draft-discarded = We could not restore your earlier draft, so you are starting a new application.

month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

resume-heading = You have an application you have not finished
resume-body = We saved what you entered last time on this device.
resume-continue = Continue where you left off
resume-start-again = Start again
