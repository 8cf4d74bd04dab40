# A station's first screen: the visitor picks a language from the operator's list.

exhibit-choose-language = Language: press a number
exhibit-language-choice = { $number }  { $language }
