# Киоск режимі (ХҚКО терминалы). Кілттер ru және en файлдарымен бірдей.
kiosk-idle-title = Сіз әлі осындасыз ба?
kiosk-idle-body = { $seconds } секундтан кейін экран келесі адам үшін тазартылады.
kiosk-idle-continue = Жалғастыру
kiosk-idle-finish = Аяқтау және экранды тазарту
kiosk-keyboard-label = Экрандық пернетақта
kiosk-layout-label = Пернетақта тілі
kiosk-key-shift = Бас әріп
kiosk-key-space = Бос орын
kiosk-key-backspace = Өшіру
kiosk-key-hide = Пернетақтаны жасыру
# Keyboard layouts: rows separated by "|", keys by spaces. The same in every language file.
kiosk-keys-kk = ә і ң ғ ү ұ қ ө һ | й ц у к е н г ш щ з х ъ | ф ы в а п р о л д ж э | я ч с м и т ь б ю ё
kiosk-keys-ru = й ц у к е н г ш щ з х ъ | ф ы в а п р о л д ж э | я ч с м и т ь б ю ё
kiosk-keys-en = q w e r t y u i o p | a s d f g h j k l | z x c v b n m
kiosk-keys-common = 1 2 3 4 5 6 7 8 9 0 | - , . / @ _ ( )
kiosk-keys-numeric = 1 2 3 | 4 5 6 | 7 8 9 | 0
kiosk-key-plus = +
kiosk-layout-kk = Қаз
kiosk-layout-ru = Рус
kiosk-layout-en = Eng
