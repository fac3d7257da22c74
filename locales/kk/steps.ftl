# Қазақша: шебер қадамдары. Кілттер ru/steps.ftl және en/steps.ftl файлдарымен бірдей.
optional-suffix = (міндетті емес)
answer-yes = Иә
answer-no = Жоқ
print = Бетті басып шығару

language-heading = Қай тілде жалғастырасыз?
language-required = Тілді таңдаңыз

region-heading = Қай өңірде тұрасыз?
region-hint = Қызметтер, нәтижелер және мерзімдер өңіріңіздің регламенттеріне байланысты.
region-required = Өңіріңізді таңдаңыз

catalogue-heading = Қызметтер
catalogue-region = Өңір:
catalogue-change-region = Өңірді өзгерту
catalogue-search = Қызметті іздеу
catalogue-no-results = Сұрауыңыз бойынша қызмет табылмады.
domain-employment = Жұмыспен қамту
domain-social_assistance = Әлеуметтік көмек
domain-special_social_services = Арнаулы әлеуметтік қызметтер
service-details = Не аласыз, кім өтініш бере алады, құжаттар және мерзім
service-results = Не аласыз
service-who = Кім өтініш бере алады
service-who-anyone = Қызмет арналған кез келген адам; алдын ала тіркелу қажет емес.
service-documents = Құжаттар
service-deadline = Мерзімі
service-channels = Қайда жүгінуге болады
service-apply = Онлайн өтініш беру
service-office-only = Кеңседе өтініш беру: қайда бару және не алу керек
channel-online = онлайн өтініш беруге болады
duration-working-days = { $count ->
    [one] { $count } жұмыс күні
   *[other] { $count } жұмыс күні
}
duration-minutes = { $count ->
    [one] { $count } минут
   *[other] { $count } минут
}
deadline-stated = регламентте белгіленген
deadline-summed = регламент кезеңдерінің мерзімдерінің қосындысы
deadline-not-given = Регламентте мерзім белгіленбеген.
office-only-intro = Бұл қызметке онлайн өтініш берілмейді. Төмендегі кеңселердің біріне өзіңіз барып, көрсетілген құжаттарды алып барыңыз.
office-bring = Өзіңізбен не алу керек

eligibility-heading = Өтініш бермес бұрын
fact-registered_as_unemployed-question = Сіз жұмыссыз ретінде тіркелгенсіз бе?
fact-registered_as_unemployed-required = Жұмыссыз ретінде тіркелген болсаңыз, «Иә» таңдаңыз
fact-registered_as_unemployed-short = Жұмыссыз ретінде тіркелген
fact-registered_as_job_seeker-question = Сіз жұмыс іздеуші ретінде тіркелгенсіз бе?
fact-registered_as_job_seeker-required = Жұмыс іздеуші ретінде тіркелген болсаңыз, «Иә» таңдаңыз
fact-registered_as_job_seeker-short = Жұмыс іздеуші ретінде тіркелген
fact-has_qualification-question = Біліктілігіңізді растайтын құжат (диплом немесе куәлік) бар ма?
fact-has_qualification-required = Біліктілік құжатыңыз болса, «Иә» таңдаңыз
fact-has_qualification-short = Біліктілігі бар
fact-first_job_seeker_without_profession-question = Сіз алғаш рет жұмыс іздеп жүрсіз бе және мамандығыңыз жоқ па?
fact-first_job_seeker_without_profession-required = Алғаш рет жұмыс іздеп жүрсеңіз, «Иә» таңдаңыз
fact-first_job_seeker_without_profession-short = Алғаш рет жұмыс іздеуші, мамандығы жоқ
fact-applies_through_representative-question = Өтінішті сіздің атыңыздан өкіліңіз бере ме?
fact-applies_through_representative-required = Өтінішті өкіліңіз берсе, «Иә» таңдаңыз
fact-applies_through_representative-short = Өкіл арқылы
fact-rural_social_sphere_specialist-question = Сіз ауылдық елді мекенде тұратын және жұмыс істейтін әлеуметтік сала маманысыз ба?
fact-rural_social_sphere_specialist-required = Ауылдағы әлеуметтік сала маманы болсаңыз, «Иә» таңдаңыз
fact-rural_social_sphere_specialist-short = Ауылдағы әлеуметтік сала маманы
fact-has_child_under_18-question = Сізде 18 жасқа толмаған бала бар ма?
fact-has_child_under_18-required = 18 жасқа толмаған балаңыз болса, «Иә» таңдаңыз
fact-has_child_under_18-short = 18 жасқа толмаған баласы бар

ineligible-heading = Бұл қызметті әзірге онлайн ала алмайсыз
ineligible-what-next = Не істеуге болады
ineligible-register = Алдымен тұрғылықты жеріңіздегі жұмыспен қамту орталығында тіркеліп, содан кейін қайта өтініш беріңіз. Жеке басыңызды куәландыратын құжатты алыңыз.
ineligible-change-answers = Жауаптарды өзгерту
ineligible-other-services = Басқа қызметтерді қарау
reason-requires_unemployed_registration = Бұл нәтиже тек жұмыссыз ретінде тіркелген адамдарға беріледі.
reason-requires_job_seeker_or_unemployed_registration = Бұл нәтиже тек жұмыс іздеуші немесе жұмыссыз ретінде тіркелген адамдарға беріледі.
reason-requires_rural_social_sphere_specialist = Бұл қызмет тек ауылдық елді мекендерде тұратын және жұмыс істейтін әлеуметтік сала мамандарына арналған.
reason-requires_child_under_18 = Бұл қызмет тек 18 жасқа толмаған балалары бар отбасыларға арналған.
reason-applicant_category_not_served = Бұл қызмет сіздің санаттағы өтініш берушілерге көрсетілмейді.
reason-result_not_offered_in_region = Бұл нәтиже сіздің өңіріңізде берілмейді.
reason-no_online_channel = Бұл қызметке онлайн өтініш берілмейді.

name-heading = Аты-жөніңіз кім?
surname-label = Тегі
given-name-label = Аты
patronymic-label = Әкесінің аты
surname-name_empty = Тегіңізді енгізіңіз
surname-name_too_long = Тегі 100 таңбадан аспауы керек
surname-name_invalid_characters = Тегі тек әріптерден, бос орындардан, сызықшалардан және апострофтардан тұруы керек
given-name-name_empty = Атыңызды енгізіңіз
given-name-name_too_long = Аты 100 таңбадан аспауы керек
given-name-name_invalid_characters = Аты тек әріптерден, бос орындардан, сызықшалардан және апострофтардан тұруы керек
patronymic-name_empty = Әкеңіздің атын енгізіңіз
patronymic-name_too_long = Әкесінің аты 100 таңбадан аспауы керек
patronymic-name_invalid_characters = Әкесінің аты тек әріптерден, бос орындардан, сызықшалардан және апострофтардан тұруы керек

birth-date-heading = Туған күніңіз қашан?
birth-date-hint = Мысалы, 28 10 1979
birth-date-empty = Туған күніңізді енгізіңіз
birth_date_invalid = Туған күні нақты күн болуы керек
birth_date_too_early = Туған күні 1900 жылдан кейін болуы керек
date-day = Күні
date-month = Айы
date-year = Жылы

contact-heading = Сізбен қалай байланысуға болады?
phone-label = Ұялы телефон нөмірі
phone-hint = Мысалы, +7 701 123 45 67 немесе 8 701 123 45 67
phone-empty = Ұялы телефон нөміріңізді енгізіңіз
phone-invalid = Қазақстандық ұялы нөмірді енгізіңіз, мысалы +7 701 123 45 67
email-label = Электрондық пошта мекенжайы
email-invalid = Электрондық пошта мекенжайын дұрыс форматта енгізіңіз, мысалы name@example.kz

address-heading = Мекенжайыңыз қандай?
address-label = Мекенжайы
address-hint = Елді мекен, көше, үй және пәтер
address_empty = Мекенжайыңызды енгізіңіз
address_too_long = Мекенжай 300 таңбадан аспауы керек

category-heading = Сіз кімсіз?
category-required = Кім екеніңізді таңдаңыз
category-citizen = Қазақстан Республикасының азаматы
category-foreigner_with_residence_permit = Ықтиярхаты бар шетелдік
category-stateless_person = Азаматтығы жоқ адам
category-kandas = Қандас

result-heading = Не үшін өтініш бересіз?
result-required = Не үшін өтініш беретініңізді таңдаңыз

documents-heading = Құжаттарды тіркеңіз
documents-hint = PDF, JPG немесе PNG, әрқайсысы 10 МБ-тан аз.
document-conditional = сізге қатысты болса
document-choose = Файлды таңдау
document-uploading = Жүктелуде
document-cancel = Жүктеуді тоқтату
document-remove = Жою
document-remove-confirm = { $name } жойылсын ба?
document-remove-yes = Иә, жою
document-remove-no = Жоқ, қалдыру
document-required = Осы құжатты тіркеңіз
upload-empty = Таңдалған файл бос
upload-too-large = Таңдалған файл 10 МБ-тан аз болуы керек
upload-wrong-type = Таңдалған файл PDF, JPG немесе PNG форматында болуы керек
size-kb = { $size } КБ
size-mb = { $size } МБ

check-name = Аты-жөні
check-birth-date = Туған күні
check-contact = Байланыс
check-address = Мекенжайы
check-category = Өтініш беруші
check-eligibility = Шарттар
check-result = Өтініш
check-documents = Құжаттар

confirmation-due = Қызмет көрсету мерзімі
confirmation-next-heading = Бұдан әрі не болады
draft-discarded = Бұрынғы жобаңызды қалпына келтіру мүмкін болмады, сондықтан жаңа өтініш басталады.

month-1 = қаңтар
month-2 = ақпан
month-3 = наурыз
month-4 = сәуір
month-5 = мамыр
month-6 = маусым
month-7 = шілде
month-8 = тамыз
month-9 = қыркүйек
month-10 = қазан
month-11 = қараша
month-12 = желтоқсан

resume-heading = Сізде аяқталмаған өтініш бар
resume-body = Өткен жолы осы құрылғыда енгізгендеріңізді сақтап қойдық.
resume-continue = Тоқтаған жерден жалғастыру
resume-start-again = Қайта бастау
