# Мәртебені бақылау: бір өтініш, кезеңдер, нәтиже, менің өтініштерім.

status-timeline-heading = Регламент бойынша кезеңдер
status-timeline-channel = Регламент белгілеген арна:
status-service-due = Мерзімі
status-due-unknown = Регламент мерзім белгілемейді
status-service-overdue = Мерзімі өтіп кетті
status-refresh-failed = Мәртебені жаңарту мүмкін болмады. Мәліметтер ескірген болуы мүмкін; қайта тырысамыз.
status-my-applications-link = Менің өтініштерім
status-max-minutes = { $count } минуттан аспайды
status-max-hours = { $count } жұмыс сағатынан аспайды
status-max-working-days = { $count } жұмыс күнінен аспайды
status-max-calendar-days = { $count } күнтізбелік күннен аспайды
status-max-none = Регламент бұл кезеңге мерзім белгілемейді
status-step-done = Орындалды
status-step-current = Орындалуда
status-step-pending = Күтуде
status-step-actor = Орындаушы:
status-step-due = Мерзімі
status-step-done-at = Орындалды
status-step-overdue = Мерзімі өтіп кетті

resultdoc-heading = Нәтиже
resultdoc-kind-referral = Жолдама
resultdoc-kind-notice = Хабарлама
resultdoc-number = Нөмірі
resultdoc-date = Күні
resultdoc-provider = Берген
resultdoc-applicant = Өтініш беруші
resultdoc-iin = ЖСН
resultdoc-signature = Басшының ЭЦҚ-мен қол қойылған
resultdoc-certificate-serial = Тіркелген куәліктің сериялық нөмірі
resultdoc-signed-at = Қол қойылған күні
resultdoc-print = Басып шығару
resultdoc-save = PDF түрінде сақтау

refusal-heading = Қызмет көрсетуден бас тартылды
refusal-by = Шешім қабылдаған:
refusal-grounds-label = Көрсетілетін қызметті берушінің көрсеткен бас тарту негіздері:
refusal-next-heading = Не істеуге болады
refusal-next-fix = Көрсетілген негіздерді жойып, өтінішті қайта беріңіз.
refusal-apply-again = Өтінішті қайта беру

my-applications-heading = Менің өтініштерім
my-applications-sign-in-intro = Өтініштеріңізді көру үшін ЭЦҚ-мен кіріңіз. ЖСН-ді енгізіп, қол қойыңыз.
my-applications-iin = Сіздің ЖСН
my-applications-iin-invalid = 12 цифрдан тұратын дұрыс ЖСН енгізіңіз.
my-applications-sign-in = ЭЦҚ-мен кіру
my-applications-signed-in = Кірдіңіз, ЖСН
my-applications-sign-out = Шығу
my-applications-list-heading = Сіздің өтініштеріңіз, алдымен жаңалары
my-applications-empty = Сізде әзірге өтініш жоқ.
unauthorized = Сеанс аяқталды. Қайта кіріңіз.
challenge_unknown = Кіру сұрауы енді жарамсыз. Қайта кіріңіз.
challenge_expired = Кіру сұрауының мерзімі өтті. Қайта кіріңіз.

lookup-heading = Өтінішті нөмірі бойынша табу
lookup-reference = Өтініш нөмірі
lookup-reference-hint = Мысалы, 7K3M-Q9XA-2B4C
lookup-reference-invalid = Растаудағы өтініш нөмірін енгізіңіз.
lookup-open = Ашу

confirmation-my-applications-link = Менің барлық өтініштерім

due-provisional = алдын ала күнтізбе бойынша: осы жылдың демалыс күндері әлі бекітілмеген, мерзім өзгеруі мүмкін
due-unknown-calendar_missing = Регламент бойынша мерзімді әзірге есептеу мүмкін емес: { $year } жылғы жұмыс күндерінің күнтізбесі әлі жарияланбаған.
due-unknown-before_fixed_offset = 2024 жылғы 1 наурызға дейін берілген өтініштер үшін мерзім есептелмейді.
due-unknown-after_untimed_step = Мерзімді есептеу мүмкін емес: регламент алдыңғы кезеңдердің бірінің мерзімін белгілемейді.
