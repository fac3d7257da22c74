# Kazakh (default language). Keys must match ru.ftl and en.ftl exactly.
app-title = Мемлекеттік қызметке өтініш
skip-to-content = Негізгі мазмұнға өту
language-switch-label = Тіл
lang-kk = Қазақша
lang-ru = Русский
lang-en = English
back = Артқа
continue = Жалғастыру
error-title-prefix = Қате
error-summary-title = Мәселе бар
loading = Жүктелуде…

service-choice-heading = Қандай қызметке өтініш бересіз?
service-choice-hint = Бір қызметті таңдаңыз.
service-choice-required = Қызметті таңдаңыз

iin-heading = Жеке сәйкестендіру нөміріңіз (ЖСН) қандай?
iin-label = ЖСН
iin-hint = 12 цифр, мысалы 791028302728. Бос орын мен сызықша ескерілмейді.
iin_empty = ЖСН-ді енгізіңіз
iin_not_digits = ЖСН тек цифрлардан тұруы керек
iin_wrong_length = ЖСН 12 цифрдан тұруы керек (сіз { $actual } цифр енгіздіңіз)
iin_check_digit = ЖСН қате: бақылау цифры сәйкес келмейді. Нөмірді тексеріңіз
iin_not_normalised = ЖСН тек цифрлардан тұруы керек

check-heading = Жауаптарыңызды тексеріңіз
check-service = Қызмет
check-iin = ЖСН
check-change = Өзгерту
check-confirm = Жалғастыру және қол қою

sign-heading = Өтінішке ЭЦҚ-мен қол қойыңыз
sign-intro = Өтініш электрондық цифрлық қолтаңбамен (ЭЦҚ) қол қойылғаннан кейін жіберіледі.
sign-button = Қол қою және жіберу
sign-pending = Қол қойылуда және жіберілуде…
sign-test-certificate = Тестілік сертификат (тек әзірлеуге арналған)
stub-valid = Жарамды, менің ЖСН-ім
stub-expired = Мерзімі өткен
stub-revoked = Кері қайтарылған
stub-other_iin = Басқа ЖСН
stub-cancel = Пайдаланушы бас тартады
stub-not_running = Қол қою бағдарламасы іске қосылмаған

certificate_expired = Сертификаттың мерзімі өткен. Жарамды ЭЦҚ-мен қол қойыңыз.
certificate_revoked = Сертификат кері қайтарылған. Жарамды ЭЦҚ-мен қол қойыңыз.
certificate_iin_mismatch = Сертификат басқа ЖСН-ге берілген. Өз ЭЦҚ-ңызбен қол қойыңыз.
certificate_not_yet_valid = Сертификат әлі жарамды емес.
certificate_untrusted = Сертификатты сенімді куәландырушы орталық бермеген.
signature_mismatch = Қолтаңба өтінішке сәйкес келмейді. Қайта қол қойыңыз.
signature_malformed = Қолтаңба оқылмады. Қайта қол қойыңыз.
signature_format_unsupported = Бұл сервер мұндай қолтаңбаны қабылдамайды.
signature_algorithm_unsupported = Сервер ГОСТ қолтаңбасын тексермейді. ЭЦҚ-ның RSA кілтімен қол қойыңыз.
error-network = Серверге қосылу мүмкін болмады. Интернет байланысын тексеріп, қайталаңыз. Енгізген деректеріңіз сақталды.
error-server = Серверде қате орын алды. Біраз уақыттан кейін қайталаңыз. Енгізген деректеріңіз сақталды.
error-unexpected = Күтпеген жауап алынды. Қайталаңыз. Енгізген деректеріңіз сақталды.
rate_limited = Қысқа уақыт ішінде тым көп әрекет жасалды. Бір минут күтіп, қайталап көріңіз. Енгізген деректеріңіз сақталды.
error-timeout = Сервер уақытында жауап бермеді. Қайталаңыз. Енгізген деректеріңіз сақталды.
try-again = Қайталау
unknown_service = Мұндай қызмет жоқ.
service_not_online = Бұл қызметке онлайн өтініш берілмейді.
server-field-error = Бұл жауап қабылданбады. Оны өзгертіп, өтінішке қайта қол қойыңыз.
document_missing = Осы құжатты тіркеңіз
upload_unknown = Файл серверде табылмады. Оны қайта тіркеңіз.
validation_failed = Өтініште қате бар. Белгіленген өрістерді тексеріңіз.

confirmation-heading = Өтініш жіберілді
confirmation-reference = Өтініш нөміріңіз
confirmation-next = Өтінішіңіздің мәртебесін кез келген уақытта тексере аласыз.
confirmation-status-link = Өтініш мәртебесін көру

status-heading = Өтініш мәртебесі
status-reference = Өтініш нөмірі
status-service = Қызмет
status-current = Қазіргі мәртебе
status-submitted-at = Жіберілген уақыты
status-not-found = Мұндай нөмірлі өтініш табылмады. Нөмірді тексеріңіз.
status-history = Тарих
status-submitted = Жіберілді
status-registered = Тіркелді
status-executor_assigned = Орындаушы тағайындалды
status-checked = Тексерілді
status-signed = Басшы қол қойды
status-result_issued = Нәтиже берілді
status-refused = Бас тартылды
new-application = Жаңа өтініш
page-not-found = Бет табылмады

# Қол қойылғанды сақтау үшін сервер қабылдамайтын жүктеулер мен өтініштер (16-тапсырма).
upload_forbidden = Бұл файлды тек оны тіркеген құрылғыдан жоюға болады.
upload_attached = Бұл файл жіберілген өтініштің құрамында, сондықтан оны жоюға болмайды.
upload_quota_exceeded = Сіз жіберілген өтінішке әлі кірмеген тым көп файл тіркедіңіз. Өтінішті жіберіңіз немесе кейінірек қайталаңыз.
storage_full = Сервер қазір файлдарды қабылдай алмайды. Кейінірек қайталаңыз. Енгізген деректеріңіз сақталды.
signing_time_too_old = Қолтаңба тым ескі, оны қабылдау мүмкін емес. Қайта қол қойыңыз.
signing_time_in_future = Құрылғыңыздағы уақыт сервер уақытынан озып тұр. Құрылғының күні мен уақытын тексеріп, қайта қол қойыңыз.
upload_mismatch = Тіркелген файл сервердегі файлмен сәйкес келмейді. Оны қайта тіркеңіз.
document_not_requested = Бұл қызмет бұл құжатты талап етпейді. Оны алып тастап, тізімдегі құжаттарды тіркеңіз.
upload_already_attached = Бұл файл басқа өтініштің құрамында бар. Оны қайта тіркеңіз.
idempotency_key_mismatch = Өтінішті қолтаңбамен сәйкестендіру мүмкін болмады. Қайта қол қойыңыз.
