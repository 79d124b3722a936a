package io.wirebook.tutorial;
