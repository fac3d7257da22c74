# Status tracking: one application, its timeline, the result, my applications.

status-timeline-heading = Steps of the regulation
status-timeline-channel = As the regulation sets them for:
status-service-due = Due by
status-due-unknown = The regulation gives no time limit
status-service-overdue = Overdue
status-refresh-failed = Could not refresh the status. What you see may be out of date; we will try again.
status-my-applications-link = My applications
status-max-minutes = Takes at most { $count } { $count ->
    [one] minute
   *[other] minutes
}
status-max-hours = Takes at most { $count } { $count ->
    [one] working hour
   *[other] working hours
}
status-max-working-days = Takes at most { $count } { $count ->
    [one] working day
   *[other] working days
}
status-max-calendar-days = Takes at most { $count } { $count ->
    [one] calendar day
   *[other] calendar days
}
status-max-none = The regulation gives this step no time limit
status-step-done = Done
status-step-current = In progress
status-step-pending = Waiting
status-step-actor = Who:
status-step-due = Due by
status-step-done-at = Done on
status-step-overdue = Overdue

resultdoc-heading = Your result
resultdoc-kind-referral = Referral
resultdoc-kind-notice = Notice
resultdoc-number = Number
resultdoc-date = Date
resultdoc-provider = Issued by
resultdoc-applicant = Applicant
resultdoc-iin = IIN
resultdoc-signature = Signed with the EDS of the head
resultdoc-certificate-serial = Certificate serial number
resultdoc-signed-at = Signed on
resultdoc-print = Print
resultdoc-save = Save as PDF

refusal-heading = Your application was refused
refusal-by = Decision of:
refusal-grounds-label = The grounds for the refusal, as the provider states them:
refusal-next-heading = What you can do
refusal-next-fix = Put right what the grounds name and apply again.
refusal-apply-again = Apply again

my-applications-heading = My applications
my-applications-sign-in-intro = Sign in with your EDS to see your applications. Enter your IIN, then sign.
my-applications-iin = Your IIN
my-applications-iin-invalid = Enter a valid IIN of 12 digits.
my-applications-sign-in = Sign in with EDS
my-applications-signed-in = Signed in, IIN
my-applications-sign-out = Sign out
my-applications-list-heading = Your applications, newest first
my-applications-empty = You have no applications yet.
unauthorized = Your session has ended. Sign in again.
challenge_unknown = The sign-in request is no longer valid. Sign in again.
challenge_expired = The sign-in request expired. Sign in again.

lookup-heading = Find an application by its number
lookup-reference = Reference number
lookup-reference-hint = For example, 7K3M-Q9XA-2B4C
lookup-reference-invalid = Enter the reference number from your confirmation.
lookup-open = Open

confirmation-my-applications-link = All my applications

due-provisional = by the provisional calendar: this year's days off are not confirmed yet, so the date may change
due-unknown-calendar_missing = The deadline cannot be worked out yet: the working-day calendar for { $year } has not been published.
due-unknown-before_fixed_offset = Deadlines are not worked out for applications made before 1 March 2024.
due-unknown-after_untimed_step = The deadline cannot be worked out: the regulation sets no time for one of the earlier steps.
