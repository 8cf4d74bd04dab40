# Le premier écran d'une borne : le visiteur choisit une langue dans la liste de l'exploitant.

exhibit-choose-language = Langue : appuyez sur un chiffre
exhibit-language-choice = { $number }  { $language }
