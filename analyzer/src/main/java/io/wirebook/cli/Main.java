package io.wirebook.cli;
public class Main { public static void main(String[] a) { System.out.println("wirebook"); } }
